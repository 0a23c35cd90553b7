package io.posekit.processor.validation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors and notes on elements, each message followed by how to fix it. */
public final class Diagnostics {
  private final Messager messager;
  private int errors;

  public Diagnostics(Messager messager) {
    this.messager = messager;
  }

  public void error(Element element, String message, String fix) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, withFix(message, fix), element);
  }

  /** An error pointing at one attribute of an annotation on {@code element}. */
  public void error(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message, String fix) {
    errors++;
    if (annotation == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, withFix(message, fix), element);
    } else if (value == null) {
      messager.printMessage(Diagnostic.Kind.ERROR, withFix(message, fix), element, annotation);
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, withFix(message, fix), element, annotation, value);
    }
  }

  public void note(Element element, String message) {
    messager.printMessage(Diagnostic.Kind.NOTE, message, element);
  }

  /** An error that belongs to no element. */
  public void error(String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message);
  }

  public int errorCount() {
    return errors;
  }

  private static String withFix(String message, String fix) {
    return fix == null ? message : message + "; fix: " + fix;
  }
}
