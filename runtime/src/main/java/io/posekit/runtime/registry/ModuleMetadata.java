package io.posekit.runtime.registry;

import java.util.List;

/**
 * What the processor wrote about one registered module for listings: its parameters with types
 * and defaults, and its documentation.
 *
 * @param registry the registry name
 * @param scope the scope
 * @param name the registered name
 * @param aliases further names
 * @param moduleClass binary name of the module class
 * @param configClass binary name of its generated config
 * @param doc the module's documentation, or null
 * @param parameters its constructor parameters, in declaration order
 */
public record ModuleMetadata(
    String registry,
    String scope,
    String name,
    List<String> aliases,
    String moduleClass,
    String configClass,
    String doc,
    List<ParameterMetadata> parameters) {

  public ModuleMetadata {
    aliases = List.copyOf(aliases);
    parameters = List.copyOf(parameters);
  }
}
