package io.posekit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The string a config writes for an enum constant ({@code flip_mode='heatmap'} for
 * {@code HEATMAP}). Without it the constant's Java name is the config value.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface ConfigValue {
  String value();
}
