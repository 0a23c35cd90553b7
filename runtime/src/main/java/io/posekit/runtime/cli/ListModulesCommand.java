package io.posekit.runtime.cli;

import io.posekit.annotations.Registries;
import io.posekit.runtime.registry.Registry;
import io.posekit.spi.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code posekit list-modules [REGISTRY] [--scope S]}: every registered name with its parameters. */
@Command(
    name = "list-modules",
    description = "List every registered module with its scope, parameters and defaults.")
final class ListModulesCommand implements Callable<Integer> {
  private final Supplier<Registry> registries;

  @Spec private CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Parameters(
      arity = "0..1",
      paramLabel = "REGISTRY",
      description = "Only this registry (MODELS, TRANSFORMS, KEYPOINT_CODECS, ...).")
  private String registry;

  @Option(
      names = "--scope",
      paramLabel = "S",
      description = "Only the modules registered in scope S (mmpose, mmengine, ...).")
  private String scope;

  ListModulesCommand(Supplier<Registry> registries) {
    this.registries = registries;
  }

  @Override
  public Integer call() {
    Registry loaded = registries.get();
    PrintWriter out = spec.commandLine().getOut();
    if (registry != null && !loaded.isRegistry(registry)) {
      return usageError(
          "unknown registry '" + registry + "'",
          Suggestions.didYouMean(registry, knownRegistries(loaded)),
          "registries with modules: " + listOrNone(loaded.registryNames()));
    }
    if (scope != null && !loaded.scopes().contains(scope)) {
      return usageError(
          "no module is registered in scope '" + scope + "'",
          Suggestions.didYouMean(scope, loaded.scopes()),
          "scopes with modules: " + listOrNone(new ArrayList<>(loaded.scopes())));
    }
    List<String> shown = registry != null ? List.of(registry) : loaded.registryNames();
    if (shown.isEmpty()) {
      out.println("No modules registered: no io.posekit.spi.RegistryIndex is on the class path.");
      return 0;
    }
    ModuleListing listing = new ModuleListing(out);
    for (int i = 0; i < shown.size(); i++) {
      if (i > 0) {
        out.println();
      }
      String name = shown.get(i);
      listing.print(
          name,
          loaded.modules(name).stream()
              .filter(module -> scope == null || scope.equals(module.entry().scope()))
              .toList());
    }
    out.flush();
    return 0;
  }

  private int usageError(String message, String didYouMean, String known) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "posekit list-modules: " + message + (didYouMean == null ? "" : " (" + didYouMean + ")")
            + "; " + known);
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }

  private static List<String> knownRegistries(Registry loaded) {
    List<String> names = new ArrayList<>(Registries.BUILT_IN);
    loaded.registryNames().stream().filter(name -> !names.contains(name)).forEach(names::add);
    return names;
  }

  private static String listOrNone(List<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
