package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.spi.Tuple;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CfgOptionsTest {
  private static Object value(String raw) {
    return CfgOptions.parseValue(raw);
  }

  @Test
  void scalarsAsDictActionParsesThem() {
    assertEquals(1, value("1"));
    assertEquals(-3, value("-3"));
    assertEquals(1000, value("1_000"));
    assertEquals(BigInteger.TEN.pow(20), value("100000000000000000000"));
    assertEquals(1e-3, value("1e-3"));
    assertEquals(0.5, value(".5"));
    assertEquals(2.0, value("2."));
    assertEquals(Double.NEGATIVE_INFINITY, value("-inf"));
    assertEquals(true, value("True"));
    assertEquals(false, value("false"));
    assertEquals(null, value("None"));
    assertEquals("none", value("none"));
    assertEquals("SGD", value("SGD"));
    assertEquals("abc", value("'abc'"));
    assertEquals("ab", value("a b")); // DictAction removes every space
    assertEquals("1x", value("1x"));
  }

  @Test
  void listsTuplesAndNesting() {
    assertEquals(List.of(1, 2), value("1,2"));
    assertEquals(List.of(1, 2), value("[1,2]"));
    assertEquals(Tuple.of(1, 2), value("(1,2)"));
    assertEquals(Tuple.of(), value("()"));
    assertEquals(List.of(), value("[]"));
    assertEquals(List.of(Tuple.of(1, 2), List.of(3, "a")), value("[(1,2),[3,a]]"));
    assertEquals(Arrays.asList(1, null, true, 0.5), value("\"[1, None, True, 0.5]\""));
    assertEquals(Tuple.of(List.of(1), Tuple.of(2, 3)), value("([1],(2,3))"));
  }

  @Test
  void keysAndMalformedOptions() {
    Map<String, Object> parsed = CfgOptions.parse(List.of("a.b=1", "model.layers.0.depth=2", "a.b=3", "s=x=y"));
    assertEquals(Map.of("a.b", 3, "model.layers.0.depth", 2, "s", "x=y"), parsed);
    IllegalArgumentException noEquals = assertThrows(IllegalArgumentException.class, () -> CfgOptions.parse(List.of("lr")));
    assertTrue(noEquals.getMessage().contains("'lr' is not KEY=VALUE"), noEquals.getMessage());
    IllegalArgumentException brackets = assertThrows(IllegalArgumentException.class, () -> CfgOptions.parse(List.of("a=[1,(2]")));
    assertTrue(brackets.getMessage().contains("imbalanced brackets"), brackets.getMessage());
    // found by the fuzzer (CfgOptionsFuzzTestInputs/cfgOptions/stack-overflow-partly-bracketed): it recursed
    IllegalArgumentException partly = assertThrows(IllegalArgumentException.class, () -> CfgOptions.parse(List.of("a=(1,2)x")));
    assertTrue(partly.getMessage().contains("'(1,2)x' is neither one value nor a list or tuple"), partly.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CfgOptions.parse(List.of("a=[1,[2,3]]x,4")));
    assertThrows(IllegalArgumentException.class, () -> CfgOptions.parse(List.of("a..b=1")));
    assertThrows(IllegalArgumentException.class, () -> CfgOptions.parse(List.of("=1")));
  }
}
