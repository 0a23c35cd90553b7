package io.posekit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a constructor parameter that the runtime supplies instead of the config, like MMEngine's
 * {@code default_args}: the optimizer a scheduler wraps, the dataset meta a metric needs. Its
 * value comes from {@code BuildContext.provided(key, type)}; it is not a config key.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface Provided {
  /** The name the runtime provides it under; defaults to the snake_case parameter name. */
  String value() default "";
}
