package io.posekit.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.posekit.runtime.engine.checkpoint.Checkpoint;
import io.posekit.runtime.engine.checkpoint.CheckpointIO;
import io.posekit.runtime.registry.Registry;
import io.posekit.tfmodels.demo.SyntheticCocoGenerator;
import io.posekit.tfmodels.structures.CocoFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bad input to {@code train}, {@code test} and {@code infer} (a data root that does not exist, an
 * image deleted from the data set, an annotation file cut short, a checkpoint cut short or of random
 * bytes) ends the command with exit code 1 and one message naming the file, and no stack frame on
 * either error stream; {@code --debug} adds the trace.
 */
class CommandErrorsTest {
  private static final Path DEMO = Path.of("../configs/body_2d_keypoint/topdown_heatmap/coco/td-hm_res18-tiny_demo-128x96.py");

  @TempDir static Path tmp;
  private static Path data;

  private record Run(int code, String err) {}

  @BeforeAll
  static void dataSet() {
    data = tmp.resolve("data");
    SyntheticCocoGenerator.generate(new SyntheticCocoGenerator.Options(data, 0, 4, 2, 64, 64));
  }

  /** {@code posekit <args>}: what it wrote to its error writer and to {@code System.err} (the console log). */
  private static Run run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    int code;
    try {
      CommandLine cl = Main.commandLine(Registry::load);
      cl.setOut(new PrintWriter(new StringWriter(), true));
      cl.setErr(new PrintWriter(err, true));
      code = cl.execute(args);
    } finally {
      System.setErr(old);
    }
    return new Run(code, err + console.toString(StandardCharsets.UTF_8));
  }

  /** The demo config on {@code root} (no synthetic data written for it), tiny batches. */
  private static List<String> onData(Path root, String... more) {
    List<String> options = new ArrayList<>(List.of("--cfg-options", "demo_data=None", "train_cfg.max_epochs=1",
        "train_dataloader.batch_size=2", "train_dataloader.dataset.data_root=" + root + "/",
        "val_dataloader.dataset.data_root=" + root + "/", "test_dataloader.dataset.data_root=" + root + "/"));
    options.addAll(List.of(more));
    return options;
  }

  private static String[] args(List<String> head, List<String> options) {
    List<String> all = new ArrayList<>(head);
    all.addAll(options);
    return all.toArray(String[]::new);
  }

  /**
   * Exit code 1, one error message ({@code posekit <command>: ...}, the runner's build errors adding
   * the config key and file:line on the lines below) that says {@code expected} after the command's
   * prefix; no stack frame anywhere.
   */
  private static void assertOneMessage(String expected, Run run) {
    assertEquals(1, run.code(), run.err());
    assertFalse(run.err().contains("\tat "), "a stack trace reached the user:\n" + run.err());
    List<String> errors = run.err().lines().filter(l -> l.startsWith("posekit ")).toList();
    assertEquals(1, errors.size(), run.err());
    String prefix = expected.substring(0, expected.indexOf(": ") + 2);
    assertTrue(errors.get(0).startsWith(prefix) && run.err().contains(expected.substring(prefix.length())), run.err());
  }

  @Test
  void aMissingDataRootNamesTheAnnotationFile() {
    Path nowhere = tmp.resolve("nowhere");
    Path ann = Path.of(nowhere + "/annotations/person_keypoints_train2017.json");
    assertOneMessage("posekit train: " + ann + ": no such COCO annotation file",
        run(args(List.of("train", DEMO.toString(), "--work-dir", tmp.resolve("w1").toString()), onData(nowhere))));
    Path valAnn = Path.of(nowhere + "/annotations/person_keypoints_val2017.json");
    Path anyCheckpoint = tmp.resolve("any.pth");
    CheckpointIO.save(anyCheckpoint, new Checkpoint());
    assertOneMessage("posekit test: " + valAnn + ": no such COCO annotation file",
        run(args(List.of("test", DEMO.toString(), anyCheckpoint.toString(), "--work-dir", tmp.resolve("w2").toString()), onData(nowhere))));
  }

  @Test
  void aTruncatedAnnotationFileSaysWhereItEnds() throws IOException {
    Path cut = tmp.resolve("cut");
    copy(data, cut);
    Path ann = cut.resolve("annotations/person_keypoints_train2017.json");
    byte[] json = Files.readAllBytes(ann);
    Files.write(ann, Arrays.copyOf(json, 3000));
    // one line of JSON: the 3000 bytes end at column 3001 of line 1
    assertEquals(1, new String(json, 0, 3000, StandardCharsets.UTF_8).lines().count());
    assertOneMessage("posekit train: " + ann + ": COCO annotation file is truncated: its JSON ends unfinished at line 1, column 3001",
        run(args(List.of("train", DEMO.toString(), "--work-dir", tmp.resolve("w3").toString()), onData(cut))));
  }

  @Test
  void aMissingImageNamesTheSampleAndTheFile() throws IOException {
    Path holes = tmp.resolve("holes");
    copy(data, holes);
    Path image = holes.resolve("train2017/000000000002.jpg");
    Files.delete(image);
    Run run = run(args(List.of("train", DEMO.toString(), "--work-dir", tmp.resolve("w4").toString()), onData(holes)));
    assertEquals(1, run.code(), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
    List<String> errors = run.err().lines().filter(l -> l.startsWith("posekit ")).toList();
    assertEquals(1, errors.size(), run.err());
    assertTrue(errors.get(0).startsWith("posekit train: ") && run.err().contains("img_id=2, img_path=" + image)
        && run.err().contains(": LoadImage: " + image + ": no such file"), run.err());
  }

  @Test
  void truncatedAndRandomCheckpointsSaySoForInferAndTest() throws IOException {
    Path img = data.resolve("val2017/000000100001.jpg");
    Path whole = tmp.resolve("whole.pth");
    Checkpoint ckpt = new Checkpoint();
    ckpt.arrays().put(Checkpoint.STATE_DICT + "head.final_layer.weight", new float[300_000]);
    CheckpointIO.save(whole, ckpt);
    Path cut = tmp.resolve("t.pth");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(whole), 1_000_000)); // head -c 1000000 x.pth > t.pth
    String truncated = "checkpoint " + cut + ": truncated or corrupt (zip END header not found); copy it again from where it was saved";
    assertOneMessage("posekit infer: " + truncated, run("infer", DEMO.toString(), cut.toString(), "--input", img.toString()));
    assertOneMessage("posekit test: " + truncated,
        run(args(List.of("test", DEMO.toString(), cut.toString(), "--work-dir", tmp.resolve("w5").toString()), onData(data))));

    Path random = tmp.resolve("random.pth");
    byte[] noise = new byte[10_000];
    new java.util.Random(1).nextBytes(noise);
    noise[0] = 'x';
    Files.write(random, noise);
    assertOneMessage("posekit infer: " + random + ": corrupt or not a checkpoint: neither a zip archive (torch.save since PyTorch 1.6,"
        + " PoseKit) nor a pickle (older torch.save)", run("infer", DEMO.toString(), random.toString(), "--input", img.toString()));
  }

  @Test
  void aLogLevelPythonDoesNotKnowStopsTrainBeforeAnyWork() {
    Path work = tmp.resolve("w7");
    assertOneMessage("posekit train: log_level: 'info' is not a logging level; use 'DEBUG', 'INFO', 'WARNING', 'ERROR' or 'CRITICAL'"
        + " (upper case, as Python's logging) or a number",
        run(args(List.of("train", DEMO.toString(), "--work-dir", work.toString()), onData(data, "log_level=info"))));
    assertFalse(Files.exists(work.resolve("epoch_1.pth")));
  }

  @Test
  void debugAddsTheStackTrace() throws IOException {
    Path cut = tmp.resolve("debug.pth");
    Files.write(cut, new byte[] {'P', 'K', 3, 4, 0, 0});
    Run plain = run(args(List.of("test", DEMO.toString(), cut.toString(), "--work-dir", tmp.resolve("w6").toString()), onData(data)));
    assertFalse(plain.err().contains("\tat "), plain.err());
    Run debug = run(args(List.of("test", DEMO.toString(), cut.toString(), "--work-dir", tmp.resolve("w6").toString(), "--debug"),
        onData(data)));
    assertEquals(1, debug.code());
    assertTrue(debug.err().contains("\tat io.posekit."), debug.err());
  }

  @Test
  void anInferImageThatDoesNotExistIsAUsageError() {
    Path missing = tmp.resolve("nobody.jpg");
    Run run = run("infer", DEMO.toString(), tmp.resolve("any.pth").toString(), "--input", missing.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("--input " + missing + ": no such file"), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void messagesOfKnownAndUnexpectedErrors() {
    assertEquals("x.json: no such COCO annotation file",
        CommandErrors.message(new ExecutionException(new CocoFormatException("x.json: no such COCO annotation file"))));
    assertEquals("work/a.log: no such file or directory",
        CommandErrors.message(new UncheckedIOException(new NoSuchFileException("work/a.log"))));
    assertEquals("cannot write the log: x", CommandErrors.message(new UncheckedIOException("cannot write the log: x", new IOException("x"))));
    assertEquals("unexpected error NullPointerException: boom (run with --debug for the stack trace)",
        CommandErrors.message(new NullPointerException("boom")));
    assertEquals("unexpected error IllegalStateException (run with --debug for the stack trace)",
        CommandErrors.message(new IllegalStateException()));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }
}
