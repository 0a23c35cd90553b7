/**
 * PoseKit's annotation processor: validate, model, write.
 *
 * <p>{@code validation} checks {@code @RegisterModule} classes and builds the {@code model};
 * {@code literal} parses {@code @Param(defaultValue)} Python literals and turns them into Java
 * expressions; {@code writer} writes {@code <Module>ConfigSpec} (completed by Immutables into
 * {@code <Module>Config}), the registry index, its service file and its metadata JSON.
 *
 * <p>Parameter types map to config values as follows: {@code boolean/int/long/float/double} (and
 * boxes) and {@code String} are scalars; enums are strings (a constant's {@code @ConfigValue}, else
 * its name); {@code List<T>} is a list; {@code Map<String, T>} a dict; arrays of
 * {@code int/long/float/double/boolean/String} are Python tuples of any size, so a fixed-size tuple
 * such as {@code input_size=(192, 256)} is an {@code int[]} (its size is not checked at compile
 * time); records are dicts without {@code type}; {@code Optional<T>} and {@code @Nullable} take
 * {@code None}; {@code Object} keeps any value as read; interfaces, abstract classes and
 * {@code @RegisterModule} classes are components, {@code ModuleConfig<? extends X>} in the config.
 */
package io.posekit.processor;
