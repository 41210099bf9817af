fn main() -> std::process::ExitCode {
    bangkom::cli::main()
}
