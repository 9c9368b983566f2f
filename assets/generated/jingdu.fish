# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_jingdu_global_optspecs
    string join \n encoding= h/help V/version
end

function __fish_jingdu_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_jingdu_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_jingdu_using_subcommand
    set -l cmd (__fish_jingdu_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c jingdu -n "__fish_jingdu_needs_command" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_needs_command" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_needs_command" -s V -l version -d 'Print version'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "outline" -d 'Print the detected structure of a document'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "notes" -d 'List the notes of a document in document order'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "note" -d 'Add or remove a note'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "export" -d 'Export the notes of a document'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "bench-ui" -d 'Time the real app UI headless (1280×800, no window) and print frame costs'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "man" -d 'Print the manual page (roff; `jingdu man | man -l -`)'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "install-desktop" -d 'Add jingdu to this user\'s application menu (~/.local/share), with its icon and file types, for the binary that runs this command'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "cite" -d 'Print the document\'s reference in GB/T 7714-2015 form (cited today)'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "search" -d 'Find text in a document: each hit with its heading path, paragraph number and context (full- and half-width forms, radicals and letter case are not told apart)'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "open" -d 'Open the window at a note: a jingdu://open?doc=ID&note=ID link from exported notes (what the desktop entry passes when a link is clicked), or a file'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "import" -d 'Import notes from a JSON export into a document\'s notes'
complete -c jingdu -n "__fish_jingdu_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jingdu -n "__fish_jingdu_using_subcommand outline" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand outline" -l json -d 'Print JSON instead of an indented tree'
complete -c jingdu -n "__fish_jingdu_using_subcommand outline" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand notes" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand notes" -l json -d 'Print a JSON array'
complete -c jingdu -n "__fish_jingdu_using_subcommand notes" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and not __fish_seen_subcommand_from add rm help" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and not __fish_seen_subcommand_from add rm help" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and not __fish_seen_subcommand_from add rm help" -f -a "add" -d 'Add a note; prints its id'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and not __fish_seen_subcommand_from add rm help" -f -a "rm" -d 'Remove a note by id (or a unique prefix of it)'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and not __fish_seen_subcommand_from add rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l section -d 'Attach to section N (headings counted from 1 in document order)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l paragraph -d 'Attach to paragraph N (body paragraphs counted from 1)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l quote -d 'Attach to the first occurrence of this passage' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l text -d 'The note text' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l tag -d 'A tag (repeatable)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l color -d 'Colour by key or by the name given to it (重点, 疑问, …)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from rm" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a note; prints its id'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a note by id (or a unique prefix of it)'
complete -c jingdu -n "__fish_jingdu_using_subcommand note; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l format -d 'md, html, docx, pdf, json, txt or csv (what the template makes when --template is given)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l template -d 'Your own layout: a Jinja template, by name from the data directory\'s `templates` folder (`NAME.md.jinja`, `NAME.txt.jinja`) or by path' -r -F
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l out -d 'Write to this file (atomically) instead of standard output' -r -F
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l section -d 'Only notes in section N (headings counted from 1)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l tag -d 'Only notes with this tag (repeatable)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l color -d 'Only notes of this colour, by key or name (repeatable)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l author -d 'Who wrote the notes: the Word document\'s author and comment author (default: the login name)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l labels -d 'The language of the export\'s own labels (学习笔记, 位置, 创建…): zh-hans, zh-hant or en (default: the document\'s, 繁體 for a Traditional text)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l no-quotes -d 'Leave out the quoted passages'
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l no-headings -d 'Leave out the section headings'
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -l annotated -d 'The whole article with notes inline (md, html), or as comments in the margin (docx)'
complete -c jingdu -n "__fish_jingdu_using_subcommand export" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -l synthetic-chars -d 'Use a generated document of about N characters instead' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -l frames -d 'Scrolling frames to time (default: until the end of the document)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -l font-size -d 'Reading font size in points while scrolling' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -l vertical -d 'Read in vertical text (竖排), paging to the left'
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -l json -d 'Print JSON'
complete -c jingdu -n "__fish_jingdu_using_subcommand bench-ui" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand completions" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand completions" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand man" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand man" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand install-desktop" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand install-desktop" -l uninstall -d 'Remove what install-desktop added instead'
complete -c jingdu -n "__fish_jingdu_using_subcommand install-desktop" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand cite" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand cite" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand search" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand search" -l json -d 'Print JSON: `[{"heading", "paragraph", "start", "end", "context"}]`, char offsets in the body text'
complete -c jingdu -n "__fish_jingdu_using_subcommand search" -l same-script -d 'Match Traditional and Simplified characters only as written (by default 黨 finds 党)'
complete -c jingdu -n "__fish_jingdu_using_subcommand search" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand open" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand open" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand import" -l encoding -d 'Read documents in this encoding instead of detecting it (utf-8, gb18030, gbk, big5, utf-16le, utf-16be)' -r
complete -c jingdu -n "__fish_jingdu_using_subcommand import" -l yes -d 'Import even when the notes were written for another document'
complete -c jingdu -n "__fish_jingdu_using_subcommand import" -l revive -d 'Bring back notes that were deleted here after the version in the file (without it they stay deleted and are counted as skipped)'
complete -c jingdu -n "__fish_jingdu_using_subcommand import" -s h -l help -d 'Print help'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "outline" -d 'Print the detected structure of a document'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "notes" -d 'List the notes of a document in document order'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "note" -d 'Add or remove a note'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "export" -d 'Export the notes of a document'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "bench-ui" -d 'Time the real app UI headless (1280×800, no window) and print frame costs'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "man" -d 'Print the manual page (roff; `jingdu man | man -l -`)'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "install-desktop" -d 'Add jingdu to this user\'s application menu (~/.local/share), with its icon and file types, for the binary that runs this command'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "cite" -d 'Print the document\'s reference in GB/T 7714-2015 form (cited today)'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "search" -d 'Find text in a document: each hit with its heading path, paragraph number and context (full- and half-width forms, radicals and letter case are not told apart)'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "open" -d 'Open the window at a note: a jingdu://open?doc=ID&note=ID link from exported notes (what the desktop entry passes when a link is clicked), or a file'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "import" -d 'Import notes from a JSON export into a document\'s notes'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and not __fish_seen_subcommand_from outline notes note export bench-ui completions man install-desktop cite search open import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and __fish_seen_subcommand_from note" -f -a "add" -d 'Add a note; prints its id'
complete -c jingdu -n "__fish_jingdu_using_subcommand help; and __fish_seen_subcommand_from note" -f -a "rm" -d 'Remove a note by id (or a unique prefix of it)'
