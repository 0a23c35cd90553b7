package io.posekit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one constructor parameter of a registered module (or one component of a config
 * record).
 *
 * <p>{@link #defaultValue()} is a Python literal, as it would be written in a config file:
 * {@code "1.0"}, {@code "True"}, {@code "'heatmap'"} (a bare {@code heatmap} is accepted for
 * strings and enums), {@code "(192, 256)"}, {@code "[1, 2]"}, {@code "dict(a=1)"} or
 * {@code "None"} for a nullable parameter. The processor rejects a default that does not parse as
 * the parameter's type.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Param {
  /** Sentinel meaning "no default: the key is required". */
  String NO_DEFAULT = "\u0000posekit:no-default";

  /** The config key; defaults to the snake_case form of the parameter name. */
  String name() default "";

  /** The default as a Python literal; without one the key is required. */
  String defaultValue() default NO_DEFAULT;
}
