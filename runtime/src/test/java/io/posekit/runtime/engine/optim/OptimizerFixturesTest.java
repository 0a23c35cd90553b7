package io.posekit.runtime.engine.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.posekit.runtime.engine.testing.KnownGradients;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graph optimizer against {@code torch.optim} (fixtures written by
 * {@code optim/torch_optim_fixtures.py} with PyTorch 1.13): the same gradients through the
 * {@link OptimWrapper} (param groups with their own lr and weight decay, an lr changed before every
 * iteration as a scheduler would, {@code clip_grad}, {@code accumulative_counts} with MMEngine's
 * tail) give PyTorch's weights, optimizer state and {@code grad_norm} after every iteration.
 */
class OptimizerFixturesTest {
  private static final double TOL = 2e-6;

  static Stream<JsonNode> cases() throws IOException {
    try (InputStream in = OptimizerFixturesTest.class.getResourceAsStream("/optim/torch_optim_fixtures.json")) {
      List<JsonNode> out = new ArrayList<>();
      new ObjectMapper().readTree(in).get("cases").forEach(out::add);
      return out.stream();
    }
  }

  @ParameterizedTest(name = "{index}")
  @MethodSource("cases")
  void graphStepsEqualTorchOptim(JsonNode c) {
    String name = c.get("name").asText();
    List<Parameter> params = new ArrayList<>();
    c.get("shapes").fields().forEachRemaining(e -> {
      int[] shape = new int[e.getValue().size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.getValue().get(i).asInt();
      }
      params.add(Parameter.of(e.getKey(), shape, floats(c.get("initial").get(e.getKey()))));
    });
    List<ParamGroup> groups = new ArrayList<>();
    for (JsonNode g : c.get("groups")) {
      List<Parameter> members = new ArrayList<>();
      g.get("params").forEach(i -> members.add(params.get(i.asInt())));
      groups.add(new ParamGroup(members, Map.of("lr", g.get("lr").asDouble(), "weight_decay", g.get("weight_decay").asDouble())));
    }
    JsonNode clip = c.get("clip");
    int iters = c.get("iterations").size();
    OptimWrapper wrapper = new OptimWrapper(optimizer(c.get("optimizer"), new ParamGroups(groups)),
        clip.isNull() ? null : new ClipGrad(clip.get("max_norm").asDouble(), normType(clip.get("norm_type"))),
        c.get("accumulative_counts").asInt());
    wrapper.initializeCountStatus(0, iters);
    int steps = 0;
    try (KnownGradients model = new KnownGradients(params)) {
      for (int it = 0; it < iters; it++) {
        JsonNode record = c.get("iterations").get(it);
        String at = name + " iteration " + it;
        for (int g = 0; g < groups.size(); g++) {
          groups.get(g).set("lr", record.get("lrs").get(g).asDouble()); // the scheduler's change
        }
        float[][] grads = params.stream().map(p -> floats(record.get("grads").get(p.name()))).toArray(float[][]::new);
        Map<String, Double> logVars = model.iterate(wrapper, grads);
        if (record.has("grad_norm")) {
          assertClose(record.get("grad_norm").asDouble(), logVars.get("grad_norm"), at + " grad_norm");
        } else {
          assertTrue(!logVars.containsKey("grad_norm"), at + ": grad_norm only on clipped steps");
        }
        steps += record.get("update").asBoolean() ? 1 : 0;
        Map<Integer, ParamState> state = wrapper.stateDict().state();
        for (int i = 0; i < params.size(); i++) {
          Parameter p = params.get(i);
          float[] want = floats(record.get("weights").get(p.name()));
          for (int k = 0; k < want.length; k++) {
            assertClose(want[k], p.data()[k], at + " " + p.name() + "[" + k + "]");
          }
          JsonNode torchState = record.get("state").get(p.name());
          int index = i;
          torchState.fields().forEachRemaining(e -> {
            if (e.getKey().equals("step")) {
              assertEquals(e.getValue().asLong(), state.get(index).step(), at + " step");
              return;
            }
            float[] slot = state.get(index).buffers().get(e.getKey());
            float[] expected = floats(e.getValue());
            for (int k = 0; k < expected.length; k++) {
              assertClose(expected[k], slot[k], at + " " + p.name() + "." + e.getKey() + "[" + k + "]");
            }
          });
        }
      }
      assertEquals(steps, model.graph().steps(), name + ": steps taken, the tail included");
    }
  }

  private static Optimizer optimizer(JsonNode o, ParamGroups groups) {
    double lr = o.get("lr").asDouble();
    return switch (o.get("type").asText()) {
      case "SGD" -> new SGD(groups, lr, o.get("momentum").asDouble(), o.get("dampening").asDouble(), 0, o.get("nesterov").asBoolean());
      case "Adam" -> new Adam(groups, lr, betas(o), o.get("eps").asDouble(), 0, o.get("amsgrad").asBoolean());
      case "AdamW" -> new AdamW(groups, lr, betas(o), o.get("eps").asDouble(), 0, o.get("amsgrad").asBoolean());
      default -> throw new IllegalArgumentException(o.toString());
    };
  }

  /** {@code norm_type}: a number, or "inf" (JSON has no infinity). */
  private static double normType(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText().replace("inf", "Infinity"));
  }

  private static double[] betas(JsonNode o) {
    return new double[] {o.get("betas").get(0).asDouble(), o.get("betas").get(1).asDouble()};
  }

  private static float[] floats(JsonNode values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values.get(i).asDouble();
    }
    return out;
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
  }
}
