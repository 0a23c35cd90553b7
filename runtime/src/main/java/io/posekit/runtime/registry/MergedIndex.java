package io.posekit.runtime.registry;

import io.posekit.annotations.Registries;
import io.posekit.spi.ModuleEntry;
import io.posekit.spi.RegistryDeclaration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every registry index of the class path merged into one table: registry, then scope, then name
 * (aliases included) to module. Merging is where conflicts between jars are found, so that a
 * duplicate is an error at start-up rather than a coin toss at lookup.
 */
final class MergedIndex {
  private final List<IndexSource> sources;
  // registry -> scope -> name or alias -> module
  private final Map<String, Map<String, Map<String, RegisteredModule>>> modules;
  // registry -> declared base type (binary name), or null when declared without one
  private final Map<String, String> declaredRegistries;
  private final Set<String> scopes;

  private MergedIndex(
      List<IndexSource> sources,
      Map<String, Map<String, Map<String, RegisteredModule>>> modules,
      Map<String, String> declaredRegistries,
      Set<String> scopes) {
    this.sources = sources;
    this.modules = modules;
    this.declaredRegistries = declaredRegistries;
    this.scopes = scopes;
  }

  /**
   * Merges {@code sources} in order.
   *
   * @throws RegistryConflictException listing every name registered twice (unless exactly one
   *     registration is {@code force}, which then wins) and every registry declared with two base
   *     types
   */
  static MergedIndex merge(List<IndexSource> sources) {
    Map<String, Map<String, Map<String, RegisteredModule>>> modules = new LinkedHashMap<>();
    Map<String, String> declared = new LinkedHashMap<>();
    Map<String, IndexSource> declaredBy = new LinkedHashMap<>();
    Set<String> scopes = new TreeSet<>();
    List<String> conflicts = new ArrayList<>();
    for (IndexSource source : sources) {
      for (ModuleEntry entry : source.index().modules()) {
        RegisteredModule module = new RegisteredModule(entry, source);
        scopes.add(entry.scope());
        Map<String, RegisteredModule> names =
            modules
                .computeIfAbsent(entry.registry(), r -> new LinkedHashMap<>())
                .computeIfAbsent(entry.scope(), s -> new LinkedHashMap<>());
        List<String> allNames = new ArrayList<>();
        allNames.add(entry.name());
        allNames.addAll(entry.aliases());
        for (String name : allNames) {
          RegisteredModule existing = names.get(name);
          if (existing == null || existing.entry().equals(entry) && existing.source() == source) {
            names.put(name, module);
          } else if (entry.force() && !existing.entry().force()) {
            names.put(name, module); // MMEngine's force=True: the later registration replaces
          } else if (!(existing.entry().force() && !entry.force())) {
            conflicts.add(duplicate(entry.registry(), entry.scope(), name, existing, module));
          }
        }
      }
      for (RegistryDeclaration declaration : source.index().registries()) {
        String name = declaration.name();
        String base = declaration.baseType();
        String known = declared.get(name);
        if (known == null) {
          // first declaration, or the first one that gives a base type
          if (!declared.containsKey(name) || base != null) {
            declared.put(name, base);
            declaredBy.put(name, source);
          }
        } else if (base != null && !base.equals(known)) {
          conflicts.add(
              "registry " + name + " is declared with base type " + known + " by "
                  + declaredBy.get(name).describe() + " and with base type " + base + " by "
                  + source.describe());
        }
      }
    }
    if (!conflicts.isEmpty()) {
      throw new RegistryConflictException(conflicts);
    }
    return new MergedIndex(
        List.copyOf(sources), modules, Collections.unmodifiableMap(declared), Collections.unmodifiableSet(scopes));
  }

  List<IndexSource> sources() {
    return sources;
  }

  /** Every scope some module is registered in. */
  Set<String> scopes() {
    return scopes;
  }

  /** True for the root scope and for every scope something is registered in. */
  boolean knowsScope(String scope) {
    return Registries.ROOT_SCOPE.equals(scope) || scopes.contains(scope);
  }

  /**
   * Every registry that has a module or was declared: MMEngine's built-in registries in their
   * usual order first, then the others alphabetically.
   */
  List<String> registryNames() {
    Set<String> present = new TreeSet<>(modules.keySet());
    present.addAll(declaredRegistries.keySet());
    List<String> ordered = new ArrayList<>();
    for (String builtIn : Registries.BUILT_IN) {
      if (present.remove(builtIn)) {
        ordered.add(builtIn);
      }
    }
    ordered.addAll(present);
    return ordered;
  }

  /** The declared base type of {@code registry} (a binary class name), if it has one. */
  Optional<String> baseType(String registry) {
    return Optional.ofNullable(declaredRegistries.get(registry));
  }

  Optional<RegisteredModule> find(String registry, String scope, String name) {
    return Optional.ofNullable(modules.getOrDefault(registry, Map.of()).getOrDefault(scope, Map.of()).get(name));
  }

  /** The modules registered under {@code name} (or alias) in {@code scope}, in every registry. */
  List<RegisteredModule> findInAllRegistries(String scope, String name) {
    List<RegisteredModule> found = new ArrayList<>();
    for (Map<String, Map<String, RegisteredModule>> byScope : modules.values()) {
      RegisteredModule module = byScope.getOrDefault(scope, Map.of()).get(name);
      if (module != null) {
        found.add(module);
      }
    }
    return found;
  }

  /** Every name and alias registered in {@code scope}, with the module it stands for. */
  List<Map.Entry<String, RegisteredModule>> namesIn(String scope) {
    List<Map.Entry<String, RegisteredModule>> names = new ArrayList<>();
    for (Map<String, Map<String, RegisteredModule>> byScope : modules.values()) {
      names.addAll(byScope.getOrDefault(scope, Map.of()).entrySet());
    }
    return names;
  }

  /** Every module of {@code registry} (each once, however many names it has), by name then scope. */
  List<RegisteredModule> modules(String registry) {
    Set<RegisteredModule> distinct = new LinkedHashSet<>();
    modules.getOrDefault(registry, Map.of()).values().forEach(names -> distinct.addAll(names.values()));
    List<RegisteredModule> sorted = new ArrayList<>(distinct);
    sorted.sort(
        Comparator.comparing((RegisteredModule m) -> m.entry().name())
            .thenComparing(m -> m.entry().scope()));
    return sorted;
  }

  private static String duplicate(
      String registry, String scope, String name, RegisteredModule first, RegisteredModule second) {
    String why =
        first.entry().force() && second.entry().force()
            ? "both are registered with force=true, so neither replaces the other"
            : "register one of them with force=true to replace the other, or rename one";
    return registry + " module '" + scope + "." + name + "' is registered twice: "
        + first.entry().moduleClass() + " by " + first.source().describe() + ", and "
        + second.entry().moduleClass() + " by " + second.source().describe() + " (" + why + ")";
  }
}
