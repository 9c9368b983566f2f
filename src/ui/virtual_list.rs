//! The geometry of a long list of items of varying height, without drawing anything: a height
//! per item (estimated until measured), prefix sums of the heights, and the scroll position
//! as "item at the top and points scrolled into it". The reader lays out only what is visible
//! and keeps its place through re-layouts by holding on to that anchor, not to an offset.
//! Pure arithmetic: no egui here, unit-tested on its own.

/// Heights, prefix sums and the scroll anchor of a virtual list.
#[derive(Clone, Debug)]
pub struct VirtualList {
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `prefix[i]` = top of item `i`; `prefix[n]` = total height.
    prefix: Vec<f32>,
    prefix_dirty: bool,
    /// Item at the top of the viewport and the points scrolled into it.
    top: (usize, f32),
    viewport_height: f32,
}

impl VirtualList {
    /// A list of `n` items (at least one), all of height 0, scrolled to the top.
    pub fn new(n: usize) -> Self {
        let n = n.max(1);
        VirtualList {
            heights: vec![0.0; n],
            measured: vec![false; n],
            prefix: vec![0.0; n + 1],
            prefix_dirty: true,
            top: (0, 0.0),
            viewport_height: 400.0,
        }
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.heights.len()
    }

    /// Whether the list is empty (never: it holds at least one item).
    pub fn is_empty(&self) -> bool {
        self.heights.is_empty()
    }

    /// Height of item `i`.
    pub fn height(&self, i: usize) -> f32 {
        self.heights[i]
    }

    /// Whether item `i` has its real height.
    pub fn is_measured(&self, i: usize) -> bool {
        self.measured[i]
    }

    /// How many items have their real height.
    pub fn measured_count(&self) -> usize {
        self.measured.iter().filter(|m| **m).count()
    }

    /// Forgets every measured height and sets the estimates `estimate(i)`, keeping the
    /// reading position as the same fraction of the top item.
    pub fn reset(&mut self, estimate: impl Fn(usize) -> f32) {
        let frac = self.top_fraction();
        for i in 0..self.heights.len() {
            self.heights[i] = estimate(i);
            self.measured[i] = false;
        }
        self.prefix_dirty = true;
        self.top.1 = frac * self.heights[self.top.0];
    }

    /// Records the real height of item `i`.
    pub fn set_measured(&mut self, i: usize, height: f32) {
        self.measured[i] = true;
        if (height - self.heights[i]).abs() > 0.1 {
            self.heights[i] = height;
            self.prefix_dirty = true;
        }
    }

    /// Whether heights changed since the prefix sums were last computed.
    pub fn needs_update(&self) -> bool {
        self.prefix_dirty
    }

    /// Recomputes the prefix sums if heights changed (linear in the items).
    pub fn update(&mut self) {
        if !self.prefix_dirty {
            return;
        }
        let mut acc = 0.0;
        for (i, h) in self.heights.iter().enumerate() {
            self.prefix[i] = acc;
            acc += h;
        }
        let n = self.heights.len();
        self.prefix[n] = acc;
        self.prefix_dirty = false;
    }

    /// Top of item `i` in content coordinates (as of the last [`Self::update`]).
    pub fn item_top(&self, i: usize) -> f32 {
        self.prefix[i]
    }

    /// Total height of all items.
    pub fn total(&self) -> f32 {
        self.prefix[self.heights.len()]
    }

    /// Item at content offset `y` (binary search).
    pub fn item_at(&self, y: f32) -> usize {
        let n = self.heights.len();
        self.prefix[..n]
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
    }

    /// Height of the viewport.
    pub fn viewport_height(&self) -> f32 {
        self.viewport_height
    }

    /// Sets the height of the viewport.
    pub fn set_viewport_height(&mut self, h: f32) {
        self.viewport_height = h;
    }

    /// The scroll anchor: item at the top and points scrolled into it.
    pub fn top(&self) -> (usize, f32) {
        self.top
    }

    /// Puts item `item` at the top, `fraction` of it scrolled past.
    pub fn set_top(&mut self, item: usize, fraction: f32) {
        let item = item.min(self.heights.len() - 1);
        self.top = (item, fraction.clamp(0.0, 1.0) * self.heights[item]);
    }

    /// Fraction of the top item scrolled past.
    pub fn top_fraction(&self) -> f32 {
        let h = self.heights[self.top.0];
        if h > 0.0 { self.top.1 / h } else { 0.0 }
    }

    /// Content offset of the top of the viewport.
    pub fn offset(&self) -> f32 {
        self.prefix[self.top.0] + self.top.1
    }

    /// Scrolls to content offset `y`, never past half a viewport beyond the end.
    pub fn set_offset(&mut self, y: f32) {
        let max = (self.total() - self.viewport_height * 0.5).max(0.0);
        let y = y.clamp(0.0, max);
        let i = self.item_at(y);
        self.top = (i, y - self.prefix[i]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(heights: &[f32]) -> VirtualList {
        let mut l = VirtualList::new(heights.len());
        l.reset(|i| heights[i]);
        l.update();
        l.set_viewport_height(100.0);
        l
    }

    #[test]
    fn prefix_sums_and_item_lookup() {
        let l = list(&[10.0, 20.0, 30.0]);
        assert_eq!(l.total(), 60.0);
        assert_eq!(l.item_top(2), 30.0);
        assert_eq!(l.item_at(0.0), 0);
        assert_eq!(l.item_at(9.9), 0);
        assert_eq!(l.item_at(10.0), 1);
        assert_eq!(l.item_at(1_000.0), 2);
    }

    #[test]
    fn offsets_round_trip_and_clamp() {
        let mut l = list(&[100.0; 10]);
        l.set_offset(250.0);
        assert_eq!(l.top(), (2, 50.0));
        assert_eq!(l.offset(), 250.0);
        l.set_offset(-5.0);
        assert_eq!(l.offset(), 0.0);
        // Never past half a viewport beyond the end.
        l.set_offset(1e9);
        assert_eq!(l.offset(), 1_000.0 - 50.0);
    }

    #[test]
    fn a_relayout_keeps_the_top_item_and_its_fraction() {
        let mut l = list(&[100.0; 10]);
        l.set_top(6, 0.25);
        assert_eq!(l.top(), (6, 25.0));
        // Every item doubles (a larger font): same item on top, same fraction.
        l.reset(|_| 200.0);
        l.update();
        assert_eq!(l.top(), (6, 50.0));
        assert_eq!(l.offset(), 6.0 * 200.0 + 50.0);
        // A measured height moves the items below it, not the anchor.
        l.set_measured(2, 300.0);
        assert!(l.needs_update());
        l.update();
        assert_eq!(l.top().0, 6);
        assert_eq!(l.offset(), 5.0 * 200.0 + 300.0 + 50.0);
        assert_eq!(l.measured_count(), 1);
    }
}
