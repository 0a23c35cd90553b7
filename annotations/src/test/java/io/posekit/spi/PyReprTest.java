package io.posekit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PyReprTest {

  /** Expected texts are what CPython 3.11 printed for repr(float.fromhex(hex)). */
  @ParameterizedTest
  @CsvSource({
    "0x1.0624dd2f1a9fcp-10, 0.001",
    "0x1.4f8b588e368f1p-17, 1e-05",
    "0x1.0000000000000p+1, 2.0",
    "0x1.999999999999ap-4, 0.1",
    "0x1.1c37937e08000p+53, 1e+16",
    "0x1.aa535d3d0c000p+53, 1.5e+16",
    "0x1.c12218377de66p+46, 123456789012345.6",
    "0x1.18b54f22aeb00p+50, 1234567890123456.0",
    "0x1.a36e2eb1c432dp-14, 0.0001",
    "0x1.f75104d551d69p-14, 0.00012",
    "0x0.0000000000001p-1022, 5e-324",
    "0x1.fffffffffffffp+1023, 1.7976931348623157e+308",
    "-0x1.0000000000000p-1, -0.5",
    "0x1.f67ea69ed3795p+57, 2.82879384806159e+17",
    "0x1.52d02c7e14af6p+76, 1e+23",
    "0x1.5555555555555p-2, 0.3333333333333333",
    "0x1.9000000000000p+6, 100.0",
    "0x1.a36e2eb1c432cp-14, 9.999999999999999e-05",
    "0x1.1666666666666p+2, 4.35",
  })
  void floatsReadLikePython(String hex, String python) {
    assertEquals(python, PyRepr.reprFloat(Double.parseDouble(hex)));
  }

  @Test
  void signedZeroAndSpecials() {
    assertEquals("-0.0", PyRepr.reprFloat(-0.0));
    assertEquals("0.0", PyRepr.reprFloat(0.0));
    assertEquals("inf", PyRepr.reprFloat(Double.POSITIVE_INFINITY));
    assertEquals("nan", PyRepr.reprFloat(Double.NaN));
  }

  @Test
  void stringsQuoteLikePython() {
    assertEquals("\"it's\"", PyRepr.reprString("it's"));
    assertEquals("'a\"b'", PyRepr.reprString("a\"b"));
    assertEquals("'both\\'\"'", PyRepr.reprString("both'\""));
    assertEquals("'tab\\there'", PyRepr.reprString("tab\there"));
    assertEquals("'\\x01'", PyRepr.reprString("\u0001"));
  }

  @Test
  void containersAndDicts() {
    Map<String, Object> loss = new LinkedHashMap<>();
    loss.put("type", "KeypointMSELoss");
    loss.put("use_target_weight", true);
    loss.put("loss_weight", 1.0);
    assertEquals(
        "dict(type='KeypointMSELoss', use_target_weight=True, loss_weight=1.0)", PyRepr.repr(loss));
    assertEquals("(192, 256)", PyRepr.repr(Tuple.of(192, 256)));
    assertEquals("(3,)", PyRepr.repr(Tuple.of(3)));
    assertEquals("()", PyRepr.repr(Tuple.of()));
    assertEquals("[1, None, 'a']", PyRepr.repr(java.util.Arrays.asList(1, null, "a")));
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(0, "nose");
    intKeys.put("class", 1);
    assertEquals("{0: 'nose', 'class': 1}", PyRepr.repr(intKeys));
  }

  @Test
  void rejectsValuesPythonConfigsCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> PyRepr.repr(List.of(new Object())));
  }

  @Test
  void tupleIsNotEqualToAListWithTheSameItems() {
    assertEquals(Tuple.of(1, 2), Tuple.copyOf(List.of(1, 2)));
    assertEquals(Tuple.of(1, 2).hashCode(), Tuple.copyOf(List.of(1, 2)).hashCode());
    org.junit.jupiter.api.Assertions.assertNotEquals(List.of(1, 2), Tuple.of(1, 2));
    org.junit.jupiter.api.Assertions.assertNotEquals(Tuple.of(1, 2), List.of(1, 2));
    assertEquals(List.of(1, 2), Tuple.of(1, 2).asList());
  }
}
