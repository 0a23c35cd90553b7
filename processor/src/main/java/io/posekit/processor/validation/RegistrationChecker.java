package io.posekit.processor.validation;

import io.posekit.annotations.Registries;
import io.posekit.processor.model.ModuleModel;
import io.posekit.processor.model.RegistryModel;
import io.posekit.spi.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * Checks registrations against each other and against the classpath: duplicate names in a
 * registry and scope, unknown registries, modules that miss their registry's base type.
 */
public final class RegistrationChecker {
  private final Diagnostics diagnostics;

  public RegistrationChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  public void check(List<ModuleModel> modules, List<RegistryModel> declared, ClasspathIndexes classpath) {
    Set<String> known = new LinkedHashSet<>(Registries.BUILT_IN);
    Map<String, List<String>> baseTypes = new LinkedHashMap<>();
    for (RegistryModel registry : declared) {
      known.add(registry.name());
      if (registry.baseType() != null) {
        baseTypes.computeIfAbsent(registry.name(), k -> new ArrayList<>()).add(registry.baseType());
      }
    }
    for (ClasspathIndexes.Registry registry : classpath.registries()) {
      known.add(registry.name());
      if (registry.baseType() != null) {
        baseTypes.computeIfAbsent(registry.name(), k -> new ArrayList<>()).add(registry.baseType());
      }
    }
    Map<String, ModuleModel> taken = new LinkedHashMap<>();
    Map<String, ClasspathIndexes.Entry> onClasspath = new LinkedHashMap<>();
    for (ClasspathIndexes.Entry entry : classpath.modules()) {
      onClasspath.putIfAbsent(slot(entry.registry(), entry.scope(), entry.name()), entry);
    }
    for (ModuleModel module : modules) {
      if (!known.contains(module.registry())) {
        unknownRegistry(module, known);
        continue;
      }
      for (String base : baseTypes.getOrDefault(module.registry(), List.of())) {
        if (!module.supertypes().contains(base) && !module.binaryName().equals(base)) {
          diagnostics.error(
              module.element(),
              "module " + module.element().getSimpleName() + " is registered in " + module.registry()
                  + " but does not implement " + base + ", the base type of that registry",
              "implement " + base.substring(base.lastIndexOf('.') + 1) + ", or register it in another registry");
        }
      }
      for (String name : module.allNames()) {
        String slot = slot(module.registry(), module.scope(), name);
        ModuleModel earlier = taken.putIfAbsent(slot, module);
        if (earlier != null) {
          diagnostics.error(
              module.element(), registration(module), null,
              "duplicate name '" + name + "' in registry " + module.registry() + " (scope " + module.scope()
                  + "): " + earlier.element().getQualifiedName() + " is registered under it too",
              "give one of them another name with @RegisterModule(name = \"...\") or another scope");
          continue;
        }
        ClasspathIndexes.Entry other = onClasspath.get(slot);
        if (other != null && !other.moduleClass().equals(module.binaryName())) {
          String where = "'" + name + "' in registry " + module.registry() + " (scope " + module.scope()
              + ") is already registered by " + other.moduleClass() + " in " + other.origin();
          if (module.force()) {
            diagnostics.note(module.element(), where + "; force = true replaces it");
          } else {
            diagnostics.error(
                module.element(), registration(module), null, "duplicate name " + where,
                "choose another name, or set force = true to replace it on purpose");
          }
        }
      }
    }
  }

  private void unknownRegistry(ModuleModel module, Set<String> known) {
    AnnotationMirror annotation = registration(module);
    AnnotationValue value = AnnotationLookup.explicitValue(annotation, "registry");
    String hint = Suggestions.didYouMean(module.registry(), known);
    diagnostics.error(
        module.element(), annotation, value,
        "unknown registry '" + module.registry() + "'" + (hint == null ? "" : ", " + hint),
        "use one of Registries (MODELS, TRANSFORMS, ...) or declare it with @DeclareRegistry(\""
            + module.registry() + "\")");
  }

  /**
   * The module's {@code @RegisterModule} as the current round sees it: javac locates an annotation
   * only through mirrors of the round it reports in, and these checks run rounds after modelling.
   */
  private static AnnotationMirror registration(ModuleModel module) {
    return AnnotationLookup.find(module.element(), ModuleModeler.REGISTER_MODULE);
  }

  private static String slot(String registry, String scope, String name) {
    return registry + "/" + scope + "/" + name;
  }
}
