package io.posekit.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private final ConfigReader reader = ConfigReader.withoutRegistry();
  private final KeyPath at = KeyPath.parse("model.head.sigma");

  @Test
  void intsAreStrictFloatsTakeInts() {
    assertEquals(3, ValueTypes.INT.read(3L, at, reader));
    assertEquals(2.0, ValueTypes.DOUBLE.read(2, at, reader));
    assertEquals(0.5f, ValueTypes.FLOAT.read(0.5, at, reader));
    assertNull(ValueTypes.INT.read(2.0, at, reader));
    assertNull(ValueTypes.INT.read(true, at, reader));
    assertNull(ValueTypes.INT.read(BigInteger.ONE.shiftLeft(40), at, reader));
    assertEquals(3, reader.problemCount());
    assertEquals("expected int but got float 2.0", reader.problems().get(0).message());
    assertEquals("write 2 without the decimal point", reader.problems().get(0).hint());
    assertEquals(at, reader.problems().get(0).path());
  }

  @Test
  void floatsWriteBackTheDecimalTheyWereGivenAs() {
    assertEquals(0.1, ValueTypes.FLOAT.write(0.1f));
    assertEquals(Tuple.of(0.1, 2.5), ValueTypes.floatArray(2).write(new float[] {0.1f, 2.5f}));
  }

  @Test
  void arraysAreTuplesAndCheckTheirSize() {
    assertArrayEquals(new int[] {192, 256}, ValueTypes.intArray(2).read(Tuple.of(192, 256), at, reader));
    assertArrayEquals(new int[] {48, 64}, ValueTypes.intArray(2).read(List.of(48, 64), at, reader));
    assertEquals(Tuple.of(192, 256), ValueTypes.intArray(2).write(new int[] {192, 256}));
    assertNull(ValueTypes.intArray(2).read(Tuple.of(1, 2, 3), at, reader));
    assertEquals("expected 2 values but got 3 (tuple (1, 2, 3))", reader.problems().get(0).message());
  }

  @Test
  void listElementsAreReportedWithTheirIndex() {
    ValueType<List<Integer>> type = ValueTypes.listOf(ValueTypes.INT);
    assertNull(type.read(List.of(1, "two", 3.5), KeyPath.parse("out_indices"), reader));
    assertEquals(List.of("out_indices.1", "out_indices.2"),
        reader.problems().stream().map(p -> p.path().toString()).toList());
  }

  enum FlipMode { HEATMAP, FEATURE }

  @Test
  void enumsUseTheirConfigValuesAndSuggest() {
    ValueType<FlipMode> type =
        ValueTypes.enumOf("FlipMode", FlipMode.values(), new String[] {"heatmap", "feature"});
    assertEquals(FlipMode.FEATURE, type.read("feature", at, reader));
    assertEquals("heatmap", type.write(FlipMode.HEATMAP));
    assertNull(type.read("heatmpa", at, reader));
    assertEquals("did you mean 'heatmap'?", reader.problems().get(0).hint());
  }

  record TestCfg(boolean flipTest, String flipMode, int[] size) {}

  @Test
  void recordsReadDictsWithDefaultsAndRejectUnknownKeys() {
    ValueType<TestCfg> type =
        ValueTypes.record(
            "TestCfg",
            List.of(
                ValueTypes.optionalField("flip_test", ValueTypes.BOOLEAN, false, false),
                ValueTypes.optionalField("flip_mode", ValueTypes.STRING, false, "heatmap"),
                ValueTypes.requiredField("size", ValueTypes.intArray(2), false)),
            a -> new TestCfg((Boolean) a[0], (String) a[1], (int[]) a[2]),
            r -> new Object[] {r.flipTest(), r.flipMode(), r.size()});
    TestCfg cfg = type.read(Map.of("flip_test", true, "size", Tuple.of(1, 2)), at, reader);
    assertEquals(true, cfg.flipTest());
    assertEquals("heatmap", cfg.flipMode());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("flip_test", true);
    expected.put("flip_mode", "heatmap");
    expected.put("size", Tuple.of(1, 2));
    assertEquals(expected, type.write(cfg));

    assertNull(type.read(Map.of("flip_tset", true), at, reader));
    List<String> messages = reader.problems().stream().map(ConfigProblem::format).toList();
    assertEquals(2, messages.size(), messages.toString());
    assertTrue(messages.contains("model.head.sigma.size: missing required key 'size' of TestCfg (add size=<tuple[int, int]>)"), messages.toString());
    assertTrue(messages.contains("model.head.sigma.flip_tset: unknown key 'flip_tset' for TestCfg (did you mean 'flip_test'?)"), messages.toString());
  }

  /** A dict that knows where its keys were written, as the config loader's dicts do. */
  static final class LocatedDict extends LinkedHashMap<String, Object> implements LocatedMap {
    @Override
    public Optional<SourceLocation> location() {
      return Optional.of(new SourceLocation("td-hm.py", 10, List.of("default_runtime.py")));
    }

    @Override
    public Optional<SourceLocation> locationOf(Object key) {
      return Optional.of(new SourceLocation("td-hm.py", 10 + keySet().stream().toList().indexOf(key) + 1));
    }
  }

  @Test
  void problemsInsideAValueTakeTheLineOfItsKey() {
    LocatedDict dict = new LocatedDict();
    dict.put("sigma", "two");
    dict.put("out_indices", List.of(1, "x"));
    DictReader d = reader.dict(dict, KeyPath.parse("model.head"), "HeatmapHead");
    d.read("sigma", ValueTypes.DOUBLE);
    d.read("out_indices", ValueTypes.listOf(ValueTypes.INT));
    d.require("in_channels", ValueTypes.INT);
    List<String> formatted = reader.problems().stream().map(ConfigProblem::format).toList();
    assertEquals(
        List.of(
            "td-hm.py:11: model.head.sigma: expected float but got str 'two'",
            "td-hm.py:12: model.head.out_indices.1: expected int but got str 'x'",
            "td-hm.py:10 (via default_runtime.py): model.head.in_channels: missing required key 'in_channels' of HeatmapHead (add in_channels=<int>)"),
        formatted);
  }

  @Test
  void finishThrowsEveryProblemAtOnce() {
    reader.problem(KeyPath.parse("a"), null, null, "first", null);
    reader.problem(KeyPath.parse("b.c"), null, null, "second", "fix it");
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> reader.finish("x", "cfg"));
    assertEquals(2, e.problems().size());
    assertTrue(e.getMessage().startsWith("cfg: 2 problems"), e.getMessage());
    assertTrue(e.getMessage().contains("b.c: second (fix it)"), e.getMessage());
  }
}
