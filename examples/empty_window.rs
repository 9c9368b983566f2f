//! An empty eframe 0.37 window: the baseline for jingdu's start-up time and memory
//! (`cargo run --release --example empty_window`; see BENCHMARKS.md).

fn main() -> eframe::Result {
    eframe::run_native(
        "empty",
        eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_app_id("empty-window")
                .with_inner_size([1280.0, 800.0]),
            ..Default::default()
        },
        Box::new(|_| Ok(Box::new(Empty))),
    )
}

struct Empty;

impl eframe::App for Empty {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("empty");
        });
    }
}
