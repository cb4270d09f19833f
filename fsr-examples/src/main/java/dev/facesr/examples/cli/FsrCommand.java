package dev.facesr.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fsr} command-line tool: the root command that holds every sub-command.
 *
 * <p>Exit codes: {@link ExitCodes#OK} when everything worked, {@link ExitCodes#FAILED} when
 * the command ran but something failed (a bad input file, a metric that could not be
 * computed), {@link ExitCodes#USAGE} when the command line itself is wrong.
 */
@Command(
        name = "fsr",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "FaceSR: face super-resolution and recognition on the JVM.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EvaluateCommand.class,
            TrainCommand.class,
            ReportCommand.class,
            EnrollCommand.class,
            IdentifyCommand.class,
            VerifyCommand.class,
            UpscaleCommand.class,
            BenchmarkCommand.class
        })
public final class FsrCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the picocli command line with FaceSR's error handling.
     *
     * @return the configured command line
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FsrCommand());
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    PrintWriter err = commandLine.getErr();
                    err.println("fsr " + commandLine.getCommandName() + ": error: " + describe(ex));
                    if (Boolean.getBoolean("fsr.stacktrace")) {
                        ex.printStackTrace(err);
                    } else {
                        err.println("(run with FSR_JAVA_OPTS=-Dfsr.stacktrace=true for the stack trace)");
                    }
                    err.flush();
                    return ExitCodes.FAILED;
                });
        // picocli's default parameter-exception handler asks this mapper too: keep usage errors at USAGE.
        cli.setExitCodeExceptionMapper(
                ex -> ex instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILED);
        return cli;
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
