package io.posekit.processor.literal;

import com.palantir.javapoet.ClassName;
import io.posekit.processor.model.ValueShape.ComponentShape;
import java.util.List;

/** Finds the registered module a component default's {@code type} names. */
public interface ComponentCatalog {
  /**
   * The generated config class of the module registered as {@code typeName} that implements the
   * component's base type.
   *
   * @param keys the keys the default gives besides {@code type}, checked when the module is known
   * @throws DefaultValueException when no such module is known or a key does not fit it
   */
  ClassName configClassFor(String typeName, ComponentShape shape, List<String> keys)
      throws DefaultValueException;
}
