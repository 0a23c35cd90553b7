package io.posekit.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What kind of config value a parameter takes: decides its type in the generated config, the
 * {@code ValueType} it is read with and how its default is written.
 */
public sealed interface ValueShape {
  ClassName MODULE_CONFIG = ClassName.get("io.posekit.spi", "ModuleConfig");

  /** The type of the accessor in the generated config. */
  TypeName configType();

  /** Python-ish text for metadata and messages: {@code int}, {@code list[Transform]}. */
  String describe();

  /** The boxed form of {@link #configType()}, for type arguments. */
  default TypeName boxedConfigType() {
    return configType().box();
  }

  /** True when a module component sits somewhere inside (the config needs a resolver). */
  default boolean containsComponent() {
    return false;
  }

  /** bool, int, long, float, double (primitive or boxed), str and any value ({@code Object}). */
  record Scalar(ScalarKind kind, boolean boxed) implements ValueShape {
    @Override
    public TypeName configType() {
      TypeName primitive = kind.primitive();
      return boxed || primitive == null ? kind.boxedType() : primitive;
    }

    @Override
    public TypeName boxedConfigType() {
      return kind.boxedType();
    }

    @Override
    public String describe() {
      return kind.pythonName();
    }
  }

  /** An enum, written in configs as the constants' config values. */
  record EnumShape(ClassName type, List<String> constants, List<String> configValues)
      implements ValueShape {
    @Override
    public TypeName configType() {
      return type;
    }

    @Override
    public String describe() {
      return "str (" + type.simpleName() + ")";
    }
  }

  /** {@code List<T>}. */
  record ListShape(ValueShape element) implements ValueShape {
    @Override
    public TypeName configType() {
      return ParameterizedTypeName.get(ClassName.get(List.class), element.boxedConfigType());
    }

    @Override
    public String describe() {
      return "list[" + element.describe() + "]";
    }

    @Override
    public boolean containsComponent() {
      return element.containsComponent();
    }
  }

  /** {@code Map<String, T>}. */
  record MapShape(ValueShape value) implements ValueShape {
    @Override
    public TypeName configType() {
      return ParameterizedTypeName.get(
          ClassName.get(Map.class), ClassName.get(String.class), value.boxedConfigType());
    }

    @Override
    public String describe() {
      return "dict[str, " + value.describe() + "]";
    }

    @Override
    public boolean containsComponent() {
      return value.containsComponent();
    }
  }

  /** An array of a primitive or of String: a Python tuple of any size. */
  record ArrayShape(Scalar element) implements ValueShape {
    @Override
    public TypeName configType() {
      return com.palantir.javapoet.ArrayTypeName.of(element.configType());
    }

    @Override
    public String describe() {
      return "tuple[" + element.describe() + ", ...]";
    }
  }

  /** {@code Optional<T>}: None or absent is empty. */
  record OptionalShape(ValueShape element) implements ValueShape {
    @Override
    public TypeName configType() {
      return ParameterizedTypeName.get(ClassName.get(Optional.class), element.boxedConfigType());
    }

    @Override
    public String describe() {
      return element.describe() + " | None";
    }

    @Override
    public boolean containsComponent() {
      return element.containsComponent();
    }
  }

  /** A plain config record: a dict without {@code type}. */
  record RecordShape(ClassName type, List<ParamModel> components) implements ValueShape {
    @Override
    public TypeName configType() {
      return type;
    }

    @Override
    public String describe() {
      return type.simpleName();
    }
  }

  /** Any registered module implementing {@code base}: {@code ModuleConfig<? extends Base>}. */
  record ComponentShape(ClassName base, String baseBinaryName) implements ValueShape {
    @Override
    public TypeName configType() {
      return ParameterizedTypeName.get(MODULE_CONFIG, WildcardTypeName.subtypeOf(base));
    }

    @Override
    public String describe() {
      return base.simpleName();
    }

    @Override
    public boolean containsComponent() {
      return true;
    }
  }
}
