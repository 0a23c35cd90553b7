package io.posekit.spi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleEntryTest {
  private final ModuleEntry entry =
      new ModuleEntry(0, "MODELS", "mmpose", "ArrayList", List.of(), false,
          "java.util.ArrayList", "x.ArrayListConfig", List.of("java.util.AbstractList", "java.util.List", "java.lang.Object"));

  @Test
  void standsForItsOwnClassItsSupertypesAndObject() {
    assertTrue(entry.implementsType(java.util.ArrayList.class));
    assertTrue(entry.implementsType(List.class));
    assertTrue(entry.implementsType(Object.class));
    assertFalse(entry.implementsType(java.util.Map.class));
  }
}
