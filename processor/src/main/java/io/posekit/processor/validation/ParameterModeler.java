package io.posekit.processor.validation;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import io.posekit.annotations.Param;
import io.posekit.processor.literal.DefaultValueException;
import io.posekit.processor.literal.DefaultValueTranslator;
import io.posekit.processor.literal.PyLiteralException;
import io.posekit.processor.literal.PyLiteralParser;
import io.posekit.processor.literal.PyValue;
import io.posekit.processor.model.ParamModel;
import io.posekit.processor.model.ValueShape;
import io.posekit.spi.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Models constructor parameters and config-record components: key, shape, default, nullability,
 * provided-ness; reports each problem on the parameter (or its annotation).
 */
public final class ParameterModeler {
  static final String PARAM = "io.posekit.annotations.Param";
  static final String PROVIDED = "io.posekit.annotations.Provided";

  private final Elements elements;
  private final Diagnostics diagnostics;
  private final DefaultValueTranslator translator;
  private final ShapeResolver shapes;

  /** One modeler per module: defaults are written into that module's generated config. */
  public ParameterModeler(Elements elements, Diagnostics diagnostics, DefaultValueTranslator translator) {
    this.elements = elements;
    this.diagnostics = diagnostics;
    this.translator = translator;
    this.shapes = new ShapeResolver(elements, this::recordComponents);
  }

  /** Models {@code element} (a parameter or record component); null when it has an error. */
  public ParamModel model(Element element, Map<String, String> docs, boolean inRecord) {
    String javaName = element.getSimpleName().toString();
    AnnotationMirror param = AnnotationLookup.find(element, PARAM);
    AnnotationMirror provided = inRecord ? null : AnnotationLookup.find(element, PROVIDED);
    TypeMirror type = element.asType();
    String doc = docs.getOrDefault(javaName, "");
    if (provided != null) {
      if (param != null) {
        diagnostics.error(
            element, param, null,
            "@Provided parameter '" + javaName + "' cannot also carry @Param: the runtime supplies it, it is no config key",
            "remove @Param, or remove @Provided to make it a config key");
        return null;
      }
      String key = AnnotationLookup.string(provided, "value");
      return new ParamModel(
          element, javaName, key.isEmpty() ? Names.snakeCase(javaName) : key, null,
          TypeName.get(type), null, null, false, null, true, doc);
    }
    ValueShape shape;
    try {
      shape = shapes.resolve(type, inRecord);
    } catch (UnsupportedTypeException e) {
      diagnostics.error(
          element, e.getMessage() + " (parameter '" + javaName + "')",
          "change the parameter's type, or mark it @Provided when the runtime supplies it");
      return null;
    }
    String key = Names.snakeCase(javaName);
    String defaultLiteral = null;
    AnnotationValue defaultValue = null;
    if (param != null) {
      String name = AnnotationLookup.string(param, "name");
      if (!name.isEmpty()) {
        key = name;
      }
      String literal = AnnotationLookup.string(param, "defaultValue");
      if (!Param.NO_DEFAULT.equals(literal)) {
        defaultLiteral = literal;
        defaultValue = AnnotationLookup.explicitValue(param, "defaultValue");
      }
    }
    AnnotationMirror nullableMirror = AnnotationLookup.nullable(element);
    boolean nullable = nullableMirror != null;
    if (nullable && type.getKind().isPrimitive()) {
      diagnostics.error(
          element, "@Nullable parameter '" + javaName + "' has primitive type " + type,
          "use the boxed type, e.g. " + TypeName.get(type).box());
      return null;
    }
    CodeBlock defaultExpression = null;
    if (defaultLiteral != null) {
      try {
        PyValue parsed = PyLiteralParser.parse(defaultLiteral);
        // None for an Optional or @Nullable parameter is what it holds anyway: no default needed
        boolean implicit = parsed instanceof PyValue.PyNone && (nullable || shape instanceof ValueShape.OptionalShape);
        defaultExpression = implicit ? null : translator.translate(parsed, shape, nullable);
      } catch (PyLiteralException | DefaultValueException e) {
        diagnostics.error(
            element, param, defaultValue,
            "default value " + defaultLiteral + " of '" + javaName + "' does not parse as "
                + shape.describe() + ": " + e.getMessage(),
            "write the default as a Python literal of " + shape.describe() + " (e.g. " + example(shape) + ")");
        return null;
      }
    }
    AnnotationSpec nullableAnnotation = nullable ? AnnotationSpec.get(nullableMirror) : null;
    return new ParamModel(
        element, javaName, key, shape, TypeName.get(type), defaultLiteral, defaultExpression,
        nullable, nullableAnnotation, false, doc);
  }

  private List<ParamModel> recordComponents(TypeElement record) {
    Map<String, String> docs = Javadoc.paramDocs(elements.getDocComment(record));
    List<ParamModel> out = new ArrayList<>();
    for (Element member : record.getEnclosedElements()) {
      if (member.getKind() == ElementKind.RECORD_COMPONENT) {
        ParamModel component = model((RecordComponentElement) member, docs, true);
        if (component != null) {
          out.add(component);
        }
      }
    }
    return out;
  }

  private static String example(ValueShape shape) {
    if (shape instanceof ValueShape.Scalar s) {
      return switch (s.kind()) {
        case BOOLEAN -> "True";
        case INT, LONG -> "1";
        case FLOAT, DOUBLE -> "0.5";
        case STRING -> "'text'";
        case ANY -> "dict(a=1)";
      };
    }
    if (shape instanceof ValueShape.EnumShape e) {
      return "'" + e.configValues().get(0) + "'";
    }
    if (shape instanceof ValueShape.ArrayShape || shape instanceof ValueShape.ListShape) {
      return "(1, 2)";
    }
    if (shape instanceof ValueShape.OptionalShape) {
      return "None";
    }
    return "dict(...)";
  }
}
