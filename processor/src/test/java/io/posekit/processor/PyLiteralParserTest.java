package io.posekit.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.processor.literal.PyLiteralException;
import io.posekit.processor.literal.PyLiteralParser;
import io.posekit.processor.literal.PyValue;
import io.posekit.processor.literal.PyValue.Entry;
import io.posekit.processor.literal.PyValue.PyBool;
import io.posekit.processor.literal.PyValue.PyDict;
import io.posekit.processor.literal.PyValue.PyFloat;
import io.posekit.processor.literal.PyValue.PyInt;
import io.posekit.processor.literal.PyValue.PyList;
import io.posekit.processor.literal.PyValue.PyNone;
import io.posekit.processor.literal.PyValue.PyStr;
import io.posekit.processor.literal.PyValue.PyTuple;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyLiteralParserTest {
  private static PyValue parse(String text) throws PyLiteralException {
    return PyLiteralParser.parse(text);
  }

  private static PyInt integer(long value) {
    return new PyInt(BigInteger.valueOf(value));
  }

  @Test
  void scalars() throws Exception {
    assertEquals(new PyNone(), parse("None"));
    assertEquals(new PyBool(true), parse("True"));
    assertEquals(new PyBool(false), parse(" False "));
    assertEquals(integer(-3), parse("-3"));
    assertEquals(new PyFloat(1e-5), parse("1e-5"));
    assertEquals(new PyFloat(0.5), parse(".5"));
    assertEquals(new PyStr("it's", false), parse("\"it's\""));
    assertEquals(new PyStr("a\nb", false), parse("'a\\nb'"));
    assertEquals(new PyStr("heatmap", true), parse("heatmap"));
  }

  @Test
  void containers() throws Exception {
    assertEquals(new PyTuple(List.of(integer(192), integer(256))), parse("(192, 256)"));
    assertEquals(new PyTuple(List.of(integer(3))), parse("(3,)"));
    assertEquals(integer(3), parse("(3)"));
    assertEquals(new PyList(List.of(integer(1), new PyList(List.of()))), parse("[1, []]"));
    assertEquals(
        new PyDict(List.of(new Entry(new PyStr("type", false), new PyStr("Adam", false)),
            new Entry(new PyStr("lr", false), new PyFloat(5e-4)))),
        parse("dict(type='Adam', lr=5e-4)"));
    assertEquals(new PyDict(List.of(new Entry(integer(1), new PyStr("a", false)))), parse("{1: 'a',}"));
  }

  @Test
  void errorsSayWhatIsWrongAndWhere() {
    PyLiteralException e = assertThrows(PyLiteralException.class, () -> parse("[1, 2"));
    assertTrue(e.getMessage().contains("expected ',' or ']' at 5"), e.getMessage());
    assertThrows(PyLiteralException.class, () -> parse("'open"));
    assertThrows(PyLiteralException.class, () -> parse("1 2"));
    assertThrows(PyLiteralException.class, () -> parse("dict(1=2)"));
    assertThrows(PyLiteralException.class, () -> parse(""));
  }
}
