package io.posekit.runtime.cli;

import io.posekit.runtime.registry.Registry;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code posekit} command: {@code java -jar runtime.jar <command> ...}, like MMPose's tools. */
@Command(
    name = "posekit",
    description = "Train, test and inspect pose models configured the MMPose way.",
    synopsisSubcommandLabel = "COMMAND")
public final class Main implements Runnable {
  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = CommandErrors.DEBUG_OPTION, scope = ScopeType.INHERIT,
      description = "When the command fails, print the stack trace after the message (as " + CommandErrors.DEBUG_VARIABLE + "=1).")
  private boolean debug;

  public static void main(String[] args) {
    System.exit(commandLine(Registry::load).execute(args));
  }

  /** The command line with its subcommands, reading modules from {@code registry} when one needs them. */
  public static CommandLine commandLine(Supplier<Registry> registry) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.addSubcommand("list-modules", new ListModulesCommand(registry));
    commandLine.addSubcommand("print-config", new PrintConfigCommand());
    commandLine.addSubcommand("train", new TrainCommand(registry));
    commandLine.addSubcommand("test", new TestCommand(registry));
    commandLine.addSubcommand("make-demo-data", new MakeDemoDataCommand());
    commandLine.addSubcommand("make-lmdb", new MakeLmdbCommand());
    commandLine.addSubcommand("infer", new InferCommand(registry));
    commandLine.addSubcommand("config-gen", new ConfigGenCommand(registry));
    commandLine.addSubcommand("schema", new SchemaCommand(registry));
    commandLine.addSubcommand("check", new CheckCommand(registry));
    commandLine.addSubcommand("help", new CommandLine.HelpCommand());
    commandLine.setExecutionExceptionHandler(CommandErrors::report);
    return commandLine;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
