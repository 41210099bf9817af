// mimalloc gives freed memory back to the system; glibc's malloc kept a sign-in burst's
// argon2 buffers (19 MiB each) in its per-thread arenas (docs/BENCHMARKS.md, "Sign-in burst").
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bangkom::cli::main()
}
