package io.posekit.runtime.registry;

import io.posekit.annotations.Registries;
import io.posekit.spi.BuildContext;
import io.posekit.spi.ComponentResolver;
import io.posekit.spi.ConfigReader;
import io.posekit.spi.DictReader;
import io.posekit.spi.KeyPath;
import io.posekit.spi.ModuleConfig;
import io.posekit.spi.ModuleEntry;
import io.posekit.spi.RegistryIndex;
import io.posekit.spi.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The runtime registry, MMEngine's {@code Registry} for every registry at once: it merges every
 * {@link RegistryIndex} on the class path, looks names up through MMEngine's scopes and turns
 * Python-style dicts into typed configs and modules.
 *
 * <p>Lookups start in the default scope (MMEngine's {@code default_scope}; {@code mmengine}, the
 * root, unless {@link #withDefaultScope} picks another) and fall back to its parents; a name
 * written {@code mmdet.X} is searched from scope {@code mmdet}. Reading never loads a class by
 * name: the index that registered a module reads its config.
 */
public final class Registry implements ComponentResolver {
  private final MergedIndex merged;
  private final String defaultScope;

  private Registry(MergedIndex merged, String defaultScope) {
    this.merged = merged;
    this.defaultScope = defaultScope;
  }

  /** Every index the context class loader (else this class's loader) lists for ServiceLoader. */
  public static Registry load() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return load(context != null ? context : Registry.class.getClassLoader());
  }

  /**
   * Every index {@code loader} lists in {@code META-INF/services/io.posekit.spi.RegistryIndex}, each
   * with the jar or directory it was loaded from as its origin.
   *
   * @throws RegistryConflictException when two indexes register the same name
   */
  public static Registry load(ClassLoader loader) {
    List<IndexSource> sources = new ArrayList<>();
    for (RegistryIndex index : ServiceLoader.load(RegistryIndex.class, loader)) {
      sources.add(IndexSource.of(index));
    }
    return of(sources);
  }

  /** A registry of exactly these indexes, merged in order. */
  public static Registry of(List<IndexSource> sources) {
    return new Registry(MergedIndex.merge(sources), Registries.ROOT_SCOPE);
  }

  public static Registry of(IndexSource... sources) {
    return of(Arrays.asList(sources));
  }

  /**
   * The same modules looked up from {@code scope} first, as MMEngine's {@code default_scope}.
   *
   * @throws IllegalArgumentException when nothing is registered in {@code scope}
   */
  public Registry withDefaultScope(String scope) {
    if (!merged.knowsScope(scope)) {
      throw new IllegalArgumentException(noImplementation(scope) + "; " + knownScopesHint(scope));
    }
    return new Registry(merged, scope);
  }

  public String defaultScope() {
    return defaultScope;
  }

  /** The indexes merged into this registry. */
  public List<IndexSource> sources() {
    return merged.sources();
  }

  /** Every registry that has a module or was declared (built-in registries first, in MMEngine's order). */
  public List<String> registryNames() {
    return merged.registryNames();
  }

  /** True for a registry of this class path or one of MMEngine's built-in registries. */
  public boolean isRegistry(String registry) {
    return Registries.BUILT_IN.contains(registry) || merged.registryNames().contains(registry);
  }

  /** Every scope some module is registered in. */
  public Set<String> scopes() {
    return merged.scopes();
  }

  /** Every module of {@code registry}, in every scope, by name. */
  public List<RegisteredModule> modules(String registry) {
    return merged.modules(registry);
  }

  /**
   * The module {@code name} (or alias, or {@code scope.name}) of {@code registry} as seen from the
   * default scope; empty when there is none, also when the name's scope has no module at all.
   */
  public Optional<ModuleEntry> get(String registry, String name) {
    return find(registry, name).map(RegisteredModule::entry);
  }

  /** Like {@link #get}, with the index that registered the module. */
  public Optional<RegisteredModule> find(String registry, String name) {
    ScopedName scoped = ScopedName.parse(name);
    if (scoped.explicitScope() && !merged.knowsScope(scoped.scope())) {
      return Optional.empty();
    }
    for (String scope : Scopes.searchOrder(scoped.explicitScope() ? scoped.scope() : defaultScope)) {
      Optional<RegisteredModule> found = merged.find(registry, scope, scoped.name());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  public boolean contains(String registry, String name) {
    return find(registry, name).isPresent();
  }

  /**
   * Reads {@code dict} (with its {@code type}) as the typed config of a module of {@code registry}.
   *
   * @throws io.posekit.spi.ConfigException with every problem found, nested dicts included
   */
  public ModuleConfig<?> readConfig(String registry, Map<?, ?> dict) {
    ConfigReader reader = new ConfigReader(this);
    ModuleConfig<?> config = null;
    if (isRegistry(registry)) {
      config = read(dict, KeyPath.root(), new Wanted(registry, Object.class), reader);
    } else {
      String hint = Suggestions.didYouMean(registry, registryCandidates());
      reader.problem(KeyPath.root(), dict, null, "unknown registry '" + registry + "'", hint);
    }
    return finish(reader, config, "cannot read the " + registry + " config");
  }

  /**
   * Reads {@code dict} as the typed config of any registered module that implements {@code base}.
   *
   * @throws io.posekit.spi.ConfigException with every problem found, nested dicts included
   */
  public <T> ModuleConfig<? extends T> readConfig(Map<?, ?> dict, Class<T> base) {
    ConfigReader reader = new ConfigReader(this);
    ModuleConfig<? extends T> config = resolve(dict, KeyPath.root(), base, reader);
    return finish(reader, config, "cannot read the " + base.getSimpleName() + " config");
  }

  /**
   * Reads {@code dict} at {@code path} as a module of {@code registry} (null: any registry), recording
   * problems in {@code reader} instead of throwing, so that a caller reading many dicts can report
   * them all at once. Returns null when the dict could not be read.
   */
  public ModuleConfig<?> read(String registry, Map<?, ?> dict, KeyPath path, ConfigReader reader) {
    if (registry != null && !isRegistry(registry)) {
      reader.problem(path, dict, null, "unknown registry '" + registry + "'",
          Suggestions.didYouMean(registry, registryCandidates()));
      return null;
    }
    return read(dict, path, new Wanted(registry, Object.class), reader);
  }

  /** True when some module is registered in {@code scope} ({@code mmengine}, the root, always counts). */
  public boolean knowsScope(String scope) {
    return Registries.ROOT_SCOPE.equals(scope) || merged.knowsScope(scope);
  }

  /** Why {@code scope} cannot be used, with the scopes that can. */
  public String unknownScopeMessage(String scope) {
    return noImplementation(scope) + "; " + knownScopesHint(scope);
  }

  /** MMEngine's {@code REGISTRY.build(cfg)}: the dict to its typed config, then to the module. */
  public Object build(String registry, Map<?, ?> dict, BuildContext context) {
    return readConfig(registry, dict).build(context);
  }

  /** The dict to the typed config of a {@code base} module, then to the module. */
  public <T> T build(Map<?, ?> dict, Class<T> base, BuildContext context) {
    return readConfig(dict, base).build(context);
  }

  /** Builds a typed config, e.g. one made with its generated builder. */
  public <T> T build(ModuleConfig<T> config, BuildContext context) {
    return config.build(context);
  }

  @Override
  public <T> ModuleConfig<? extends T> resolve(
      Map<?, ?> dict, KeyPath path, Class<T> base, ConfigReader reader) {
    ModuleConfig<?> config = read(dict, path, new Wanted(null, base), reader);
    if (config == null) {
      return null;
    }
    @SuppressWarnings("unchecked") // read() checked that the module implements base
    ModuleConfig<? extends T> typed = (ModuleConfig<? extends T>) config;
    return typed;
  }

  @Override
  public String toString() {
    return "Registry[default scope " + defaultScope + ", " + merged.sources().size()
        + " indexes, scopes " + merged.scopes() + "]";
  }

  /** What a dict may name at some place: a module of one registry, or any module implementing a type. */
  private record Wanted(String registry, Class<?> base) {
    boolean accepts(ModuleEntry entry) {
      return (registry == null || registry.equals(entry.registry())) && entry.implementsType(base);
    }

    String describe() {
      if (registry != null) {
        return registry + " module";
      }
      return base == Object.class ? "module" : base.getSimpleName();
    }
  }

  private ModuleConfig<?> read(Map<?, ?> dict, KeyPath path, Wanted wanted, ConfigReader reader) {
    if (!dict.containsKey(DictReader.TYPE_KEY)) {
      reader.problem(
          path, dict, null,
          "missing key 'type': the dict does not say which " + wanted.describe() + " to build",
          "add type='<name>'; `posekit list-modules` lists the registered names");
      return null;
    }
    KeyPath typePath = path.key(DictReader.TYPE_KEY);
    if (!(dict.get(DictReader.TYPE_KEY) instanceof String typeName)) {
      reader.problem(
          typePath, dict, DictReader.TYPE_KEY,
          "'type' must be a str naming a " + wanted.describe() + ", got "
              + ConfigReader.describe(dict.get(DictReader.TYPE_KEY)),
          null);
      return null;
    }
    ScopedName scoped = ScopedName.parse(typeName);
    if (scoped.explicitScope() && !merged.knowsScope(scoped.scope())) {
      reader.problem(
          typePath, dict, DictReader.TYPE_KEY,
          noImplementation(scoped.scope()) + ", so '" + typeName + "' cannot be built",
          knownScopesHint(scoped.scope()));
      return null;
    }
    List<String> searched = Scopes.searchOrder(scoped.explicitScope() ? scoped.scope() : defaultScope);
    List<RegisteredModule> otherKinds = new ArrayList<>();
    for (String scope : searched) {
      List<RegisteredModule> named = merged.findInAllRegistries(scope, scoped.name());
      List<RegisteredModule> fitting = named.stream().filter(m -> wanted.accepts(m.entry())).toList();
      if (fitting.size() == 1) {
        return dispatch(fitting.get(0), dict, path, wanted, reader);
      }
      if (fitting.size() > 1) {
        reader.problem(
            typePath, dict, DictReader.TYPE_KEY,
            "'" + typeName + "' names modules of several registries in scope " + scope + ": "
                + String.join(", ", fitting.stream().map(m -> m.entry().registry()).toList()),
            "read it through the registry it belongs to: Registry.readConfig(registry, dict)");
        return null;
      }
      otherKinds.addAll(named);
    }
    String hint = suggest(scoped, searched, wanted);
    if (!otherKinds.isEmpty()) {
      ModuleEntry other = otherKinds.get(0).entry();
      reader.problem(
          typePath, dict, DictReader.TYPE_KEY,
          "'" + typeName + "' is a " + other.registry() + " module, not a " + wanted.describe(),
          hint != null ? hint : "a " + wanted.describe() + " is needed here");
    } else {
      reader.problem(
          typePath, dict, DictReader.TYPE_KEY,
          "unknown " + wanted.describe() + " type '" + typeName + "' (searched scopes "
              + String.join(", ", searched) + ")",
          hint);
    }
    return null;
  }

  /** The index that registered the module reads its dict: no class is looked up by name. */
  private static ModuleConfig<?> dispatch(
      RegisteredModule module, Map<?, ?> dict, KeyPath path, Wanted wanted, ConfigReader reader) {
    ModuleEntry entry = module.entry();
    ModuleConfig<?> config = module.source().index().read(entry, reader.dict(dict, path, entry.name()));
    if (config != null && !wanted.base().isAssignableFrom(config.moduleType())) {
      // the entry said it implements base; a config saying otherwise is a broken index
      throw new IllegalStateException(
          module.source().describe() + " read " + entry.qualifiedName() + " as a config of "
              + config.moduleType().getName() + ", which is not a " + wanted.base().getName());
    }
    return config;
  }

  /** {@code did you mean 'X'?} (or up to three names) among the fitting names of the searched scopes. */
  private String suggest(ScopedName scoped, List<String> searched, Wanted wanted) {
    Set<String> candidates = new LinkedHashSet<>();
    for (String scope : searched) {
      for (Map.Entry<String, RegisteredModule> named : merged.namesIn(scope)) {
        if (wanted.accepts(named.getValue().entry()) && !named.getKey().equals(scoped.name())) {
          candidates.add(named.getKey());
        }
      }
    }
    List<String> closest = Suggestions.closest(scoped.name(), candidates, 3);
    if (closest.isEmpty()) {
      return null;
    }
    String prefix = scoped.explicitScope() ? scoped.scope() + "." : "";
    List<String> quoted = closest.stream().map(name -> "'" + prefix + name + "'").toList();
    return "did you mean " + joinOr(quoted) + "?";
  }

  /** The config, or every problem as a ConfigException; a null config without problems is a broken index. */
  private static <C extends ModuleConfig<?>> C finish(ConfigReader reader, C config, String what) {
    C result = reader.finish(config, what);
    if (result == null) {
      throw new IllegalStateException(what + ": the registry index read no config and reported no problem");
    }
    return result;
  }

  private List<String> registryCandidates() {
    Set<String> names = new LinkedHashSet<>(Registries.BUILT_IN);
    names.addAll(merged.registryNames());
    return List.copyOf(names);
  }

  private static String noImplementation(String scope) {
    return "scope '" + scope + "' has no Java implementation: no module of any registry is registered in it";
  }

  private String knownScopesHint(String scope) {
    Set<String> known = new LinkedHashSet<>();
    known.add(Registries.ROOT_SCOPE);
    known.addAll(merged.scopes());
    String didYouMean = Suggestions.didYouMean(scope, known);
    String list = "scopes with Java modules: " + String.join(", ", known);
    return didYouMean == null ? list : didYouMean + " " + list;
  }

  private static String joinOr(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }
}
