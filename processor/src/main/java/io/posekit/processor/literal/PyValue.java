package io.posekit.processor.literal;

import java.math.BigInteger;
import java.util.List;

/** A parsed Python literal, as written in {@code @Param(defaultValue = ...)}. */
public sealed interface PyValue {
  /** Python's name of the value's type, for messages. */
  String typeName();

  record PyNone() implements PyValue {
    @Override
    public String typeName() {
      return "None";
    }
  }

  record PyBool(boolean value) implements PyValue {
    @Override
    public String typeName() {
      return "bool";
    }
  }

  record PyInt(BigInteger value) implements PyValue {
    @Override
    public String typeName() {
      return "int";
    }
  }

  record PyFloat(double value) implements PyValue {
    @Override
    public String typeName() {
      return "float";
    }
  }

  /** A string; {@code bare} when written without quotes (accepted for strings and enums). */
  record PyStr(String value, boolean bare) implements PyValue {
    @Override
    public String typeName() {
      return "str";
    }
  }

  record PyTuple(List<PyValue> items) implements PyValue {
    @Override
    public String typeName() {
      return "tuple";
    }
  }

  record PyList(List<PyValue> items) implements PyValue {
    @Override
    public String typeName() {
      return "list";
    }
  }

  /** A dict, from {@code {k: v}} or {@code dict(k=v)}; entries in written order. */
  record PyDict(List<Entry> entries) implements PyValue {
    @Override
    public String typeName() {
      return "dict";
    }

    /** The value under a string key, or null. */
    public PyValue get(String key) {
      for (Entry entry : entries) {
        if (entry.key() instanceof PyStr s && s.value().equals(key)) {
          return entry.value();
        }
      }
      return null;
    }
  }

  record Entry(PyValue key, PyValue value) {}
}
