//! The `xuncha` command: parses arguments and hands over to the library.

fn main() -> std::process::ExitCode {
    xuncha::cli::run(std::env::args_os())
}
