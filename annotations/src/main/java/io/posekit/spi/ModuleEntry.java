package io.posekit.spi;

import java.util.List;

/**
 * One registered module as the index lists it: names only, so that listing modules loads no
 * module class.
 *
 * @param ordinal position in its index, used by {@link RegistryIndex#read}
 * @param registry the registry name ({@code MODELS})
 * @param scope the scope ({@code mmpose})
 * @param name the registered name
 * @param aliases further names
 * @param force whether it replaces a same-named module of another jar
 * @param moduleClass binary name of the module class
 * @param configClass binary name of its generated config
 * @param supertypes binary names of every proper supertype of the module class, transitively
 */
public record ModuleEntry(
    int ordinal,
    String registry,
    String scope,
    String name,
    List<String> aliases,
    boolean force,
    String moduleClass,
    String configClass,
    List<String> supertypes) {

  public ModuleEntry {
    aliases = List.copyOf(aliases);
    supertypes = List.copyOf(supertypes);
  }

  /** True when a module of this entry can stand where {@code base} is needed (its own class included). */
  public boolean implementsType(Class<?> base) {
    String name = base.getName();
    return base == Object.class || moduleClass.equals(name) || supertypes.contains(name);
  }

  /** {@code scope.name}. */
  public String qualifiedName() {
    return scope + "." + name;
  }
}
