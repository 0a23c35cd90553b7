package io.posekit.runtime.cli;

import io.posekit.runtime.registry.ModuleMetadata;
import io.posekit.runtime.registry.ParameterMetadata;
import io.posekit.runtime.registry.RegisteredModule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * Writes the modules of one registry as aligned text: a line per module (name, scope, aliases),
 * then a line per parameter (key, type, default or "required").
 *
 * <pre>
 * MODELS (2 modules)
 *   KeypointMSELoss  [mmpose]
 *       use_target_weight  bool   = False
 *       loss_weight        float  = 1.0
 * </pre>
 */
final class ModuleListing {
  private static final String MODULE_INDENT = "  ";
  private static final String PARAM_INDENT = "      ";

  private final PrintWriter out;

  ModuleListing(PrintWriter out) {
    this.out = out;
  }

  void print(String registry, List<RegisteredModule> modules) {
    out.println(registry + " (" + (modules.size() == 1 ? "1 module" : modules.size() + " modules") + ")");
    if (modules.isEmpty()) {
      out.println(MODULE_INDENT + "(none registered)");
      return;
    }
    int keyWidth = 0;
    int typeWidth = 0;
    for (RegisteredModule module : modules) {
      for (ParameterMetadata param : parameters(module)) {
        keyWidth = Math.max(keyWidth, param.key().length());
        typeWidth = Math.max(typeWidth, param.type().length());
      }
    }
    for (RegisteredModule module : modules) {
      printModule(module, keyWidth, typeWidth);
    }
  }

  private void printModule(RegisteredModule module, int keyWidth, int typeWidth) {
    StringBuilder head = new StringBuilder(MODULE_INDENT)
        .append(module.entry().name()).append("  [").append(module.entry().scope()).append(']');
    if (!module.entry().aliases().isEmpty()) {
      head.append("  aliases: ").append(String.join(", ", module.entry().aliases()));
    }
    out.println(head);
    Optional<ModuleMetadata> metadata = module.metadata();
    if (metadata.isEmpty()) {
      out.println(PARAM_INDENT + "(its index has no parameter metadata for it: "
          + module.source().index().metadataResource() + ")");
      return;
    }
    if (metadata.get().parameters().isEmpty()) {
      out.println(PARAM_INDENT + "(no parameters)");
    }
    for (ParameterMetadata param : metadata.get().parameters()) {
      out.println(PARAM_INDENT + pad(param.key(), keyWidth) + "  " + pad(param.type(), typeWidth) + "  " + value(param));
    }
  }

  /** What the config gets when it leaves the key out. */
  private static String value(ParameterMetadata param) {
    if (param.provided()) {
      return "provided by the runtime";
    }
    if (param.defaultValue() != null) {
      return "= " + param.defaultValue();
    }
    return param.nullable() ? "required (None allowed)" : "required";
  }

  private static List<ParameterMetadata> parameters(RegisteredModule module) {
    return module.metadata().map(ModuleMetadata::parameters).orElse(List.of());
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
