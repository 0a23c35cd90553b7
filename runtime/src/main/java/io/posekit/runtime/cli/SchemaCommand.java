package io.posekit.runtime.cli;

import io.posekit.runtime.registry.Registry;
import io.posekit.runtime.runner.ConfigSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code posekit schema [--out FILE]}: the JSON Schema of every registered module, for editors. */
@Command(name = "schema",
    description = "Write the JSON Schema of every registered module (for completion and checks of YAML/JSON configs in editors).")
final class SchemaCommand implements Callable<Integer> {
  private final Supplier<Registry> registry;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: standard output).")
  private Path out;

  SchemaCommand(Supplier<Registry> registry) {
    this.registry = registry;
  }

  @Override
  public Integer call() throws IOException {
    String schema = ConfigSchema.text(registry.get());
    if (out == null) {
      spec.commandLine().getOut().print(schema);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(out, schema, StandardCharsets.UTF_8);
    }
    return 0;
  }
}
