package io.posekit.annotations;

import java.util.List;

/** The registry names MMPose and MMEngine use. Downstream code may add more with {@link DeclareRegistry}. */
public final class Registries {
  public static final String MODELS = "MODELS";
  public static final String DATASETS = "DATASETS";
  public static final String TRANSFORMS = "TRANSFORMS";
  public static final String KEYPOINT_CODECS = "KEYPOINT_CODECS";
  public static final String METRICS = "METRICS";
  public static final String EVALUATORS = "EVALUATORS";
  public static final String HOOKS = "HOOKS";
  public static final String VISUALIZERS = "VISUALIZERS";
  public static final String VISBACKENDS = "VISBACKENDS";
  public static final String OPTIMIZERS = "OPTIMIZERS";
  public static final String OPTIM_WRAPPERS = "OPTIM_WRAPPERS";
  public static final String OPTIM_WRAPPER_CONSTRUCTORS = "OPTIM_WRAPPER_CONSTRUCTORS";
  public static final String PARAM_SCHEDULERS = "PARAM_SCHEDULERS";
  public static final String LOOPS = "LOOPS";
  public static final String RUNNERS = "RUNNERS";
  public static final String DATA_SAMPLERS = "DATA_SAMPLERS";
  public static final String LOG_PROCESSORS = "LOG_PROCESSORS";
  public static final String TASK_UTILS = "TASK_UTILS";
  public static final String WEIGHT_INITIALIZERS = "WEIGHT_INITIALIZERS";
  public static final String FUNCTIONS = "FUNCTIONS";

  /** Every built-in registry name, in the order above. */
  public static final List<String> BUILT_IN =
      List.of(
          MODELS, DATASETS, TRANSFORMS, KEYPOINT_CODECS, METRICS, EVALUATORS, HOOKS, VISUALIZERS,
          VISBACKENDS, OPTIMIZERS, OPTIM_WRAPPERS, OPTIM_WRAPPER_CONSTRUCTORS, PARAM_SCHEDULERS,
          LOOPS, RUNNERS, DATA_SAMPLERS, LOG_PROCESSORS, TASK_UTILS, WEIGHT_INITIALIZERS, FUNCTIONS);

  /** The scope of MMEngine's own components, parent of every other scope. */
  public static final String ROOT_SCOPE = "mmengine";

  private Registries() {}
}
