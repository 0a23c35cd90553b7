package io.posekit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.posekit.processor.Fixtures.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.annotation.processing.RoundEnvironment;
import org.junit.jupiter.api.Test;

/** An exception inside the processor is a compiler error that names what was processed, not a javac crash. */
class CrashReportTest {
  /** The processor with a round that fails the way a bug would. */
  static final class FailingProcessor extends PoseKitProcessor {
    @Override
    protected void processRound(RoundEnvironment round) {
      throw new IllegalStateException("simulated bug");
    }
  }

  @Test
  void exceptionBecomesACompilerError() {
    Compilation compilation = Compiler.javac()
        .withProcessors(new FailingProcessor())
        .compile(source("demo.A", """
            package demo;

            @io.posekit.annotations.RegisterModule(registry = "MODELS")
            public final class A {}
            """));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("PoseKit processor crashed while processing demo.A: java.lang.IllegalStateException: simulated bug");
    assertThat(compilation).hadErrorContaining("at io.posekit.processor.CrashReportTest$FailingProcessor.processRound");
    assertThat(compilation).hadErrorContaining("please report");
  }
}
