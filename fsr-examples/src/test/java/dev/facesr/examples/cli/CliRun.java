package dev.facesr.examples.cli;

import dev.facesr.examples.recognition.EmbedderResolver;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the {@code fsr} tool: exit code, standard output and standard error. */
final class CliRun {
    final int code;
    final String out;
    final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code fsr args...} with FaceSR's error handling, capturing both streams. */
    static CliRun run(String... args) {
        return run(FsrCommand.commandLine(), args);
    }

    /**
     * Runs {@code fsr args...} with the recognition commands ({@code enroll}, {@code identify},
     * {@code verify}) finding their embedders through the given resolver instead of the
     * ServiceLoader.
     */
    static CliRun run(EmbedderResolver resolver, String... args) {
        CommandLine cli = FsrCommand.commandLine();
        ((EnrollCommand) cli.getSubcommands().get("enroll").getCommand()).resolver = resolver;
        ((IdentifyCommand) cli.getSubcommands().get("identify").getCommand()).resolver = resolver;
        ((VerifyCommand) cli.getSubcommands().get("verify").getCommand()).resolver = resolver;
        return run(cli, args);
    }

    private static CliRun run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
