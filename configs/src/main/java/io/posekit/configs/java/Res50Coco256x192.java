package io.posekit.configs.java;

import io.posekit.configs._base_.DefaultRuntime;
import io.posekit.runtime.engine.hooks.CheckpointHookConfig;
import io.posekit.runtime.engine.optim.AdamConfig;
import io.posekit.runtime.engine.schedulers.LinearLRConfig;
import io.posekit.runtime.engine.schedulers.MultiStepLRConfig;
import io.posekit.spi.ConfigTrees;
import io.posekit.spi.ModuleConfig;
import io.posekit.tfmodels.codecs.MSRAHeatmapConfig;
import io.posekit.tfmodels.datasets.CocoDatasetConfig;
import io.posekit.tfmodels.datasets.DataMode;
import io.posekit.tfmodels.datasets.DataPrefix;
import io.posekit.tfmodels.datasets.DefaultSamplerConfig;
import io.posekit.tfmodels.evaluation.CocoMetricConfig;
import io.posekit.tfmodels.models.backbones.ResNetConfig;
import io.posekit.tfmodels.models.datapreprocessors.PoseDataPreprocessorConfig;
import io.posekit.tfmodels.models.heads.HeatmapHeadConfig;
import io.posekit.tfmodels.models.losses.KeypointMSELossConfig;
import io.posekit.tfmodels.models.heads.TestCfg;
import io.posekit.tfmodels.models.poseestimators.TopdownPoseEstimatorConfig;
import io.posekit.tfmodels.transforms.GenerateTargetConfig;
import io.posekit.tfmodels.transforms.GetBBoxCenterScaleConfig;
import io.posekit.tfmodels.transforms.LoadImageConfig;
import io.posekit.tfmodels.transforms.PackPoseInputsConfig;
import io.posekit.tfmodels.transforms.RandomBBoxTransformConfig;
import io.posekit.tfmodels.transforms.RandomFlipConfig;
import io.posekit.tfmodels.transforms.RandomHalfBodyConfig;
import io.posekit.tfmodels.transforms.TopdownAffineConfig;
import io.posekit.tfmodels.transforms.Transform;
import java.util.List;
import java.util.Map;

/**
 * {@code body_2d_keypoint/topdown_heatmap/coco/td-hm_res50_8xb64-210e_coco-256x192.py} written
 * directly in Java with the typed-config builders, starting from the generated class of its
 * {@code _base_}: the same config, checked by javac instead of at load time
 * ({@code Res50Coco256x192Test} compares it with its Python twin).
 */
public final class Res50Coco256x192 {
  private static final String DATA_ROOT = "data/coco/";

  private Res50Coco256x192() {}

  public static Map<Object, Object> config() {
    Map<Object, Object> cfg = ConfigTrees.root(DefaultRuntime.config());

    cfg.put("train_cfg", ConfigTrees.with(cfg.get("train_cfg"), "max_epochs", 210, "val_interval", 10));
    cfg.put("optim_wrapper", ConfigTrees.dict("optimizer", AdamConfig.builder().lr(5e-4).build()));
    cfg.put("param_scheduler", ConfigTrees.list(
        LinearLRConfig.builder().begin(0).end(500).startFactor(0.001).byEpoch(false).build(),
        MultiStepLRConfig.builder().begin(0).end(210).milestones(List.of(170, 200)).gamma(0.1).byEpoch(true).build()));
    cfg.put("auto_scale_lr", ConfigTrees.dict("base_batch_size", 512));
    CheckpointHookConfig checkpoint = (CheckpointHookConfig) ConfigTrees.at(cfg, "default_hooks", "checkpoint");
    cfg.put("default_hooks", ConfigTrees.with(cfg.get("default_hooks"),
        "checkpoint", checkpoint.withSaveBest("coco/AP").withRule("greater")));

    MSRAHeatmapConfig codec = MSRAHeatmapConfig.builder()
        .inputSize(192, 256)
        .heatmapSize(48, 64)
        .sigma(2)
        .build();
    cfg.put("codec", codec);

    cfg.put("model", TopdownPoseEstimatorConfig.builder()
        .dataPreprocessor(PoseDataPreprocessorConfig.builder()
            .mean(List.of(123.675, 116.28, 103.53))
            .std(List.of(58.395, 57.12, 57.375))
            .bgrToRgb(true)
            .build())
        .backbone(ResNetConfig.builder()
            .depth(50)
            .initCfg(ConfigTrees.dict("type", "Pretrained", "checkpoint", "torchvision://resnet50"))
            .build())
        .head(HeatmapHeadConfig.builder()
            .inChannels(2048)
            .outChannels(17)
            .loss(KeypointMSELossConfig.builder().useTargetWeight(true).build())
            .decoder(codec)
            .build())
        .testCfg(new TestCfg(true, TestCfg.FlipMode.HEATMAP, true, false))
        .build());

    cfg.put("dataset_type", "CocoDataset");
    cfg.put("data_mode", "topdown");
    cfg.put("data_root", DATA_ROOT);

    List<ModuleConfig<? extends Transform>> trainPipeline = List.of(
        LoadImageConfig.builder().build(),
        GetBBoxCenterScaleConfig.builder().build(),
        RandomFlipConfig.builder().direction("horizontal").build(),
        RandomHalfBodyConfig.builder().build(),
        RandomBBoxTransformConfig.builder().build(),
        TopdownAffineConfig.builder().inputSize(codec.inputSize()).build(),
        GenerateTargetConfig.builder().encoder(codec).build(),
        PackPoseInputsConfig.builder().build());
    List<ModuleConfig<? extends Transform>> valPipeline = List.of(
        LoadImageConfig.builder().build(),
        GetBBoxCenterScaleConfig.builder().build(),
        TopdownAffineConfig.builder().inputSize(codec.inputSize()).build(),
        PackPoseInputsConfig.builder().build());
    cfg.put("train_pipeline", trainPipeline);
    cfg.put("val_pipeline", valPipeline);

    cfg.put("train_dataloader", ConfigTrees.dict(
        "batch_size", 64,
        "num_workers", 2,
        "persistent_workers", true,
        "sampler", DefaultSamplerConfig.builder().shuffle(true).build(),
        "dataset", CocoDatasetConfig.builder()
            .dataRoot(DATA_ROOT)
            .dataMode(DataMode.TOPDOWN)
            .annFile("annotations/person_keypoints_train2017.json")
            .dataPrefix(new DataPrefix("train2017/"))
            .pipeline(trainPipeline)
            .build()));
    Map<Object, Object> valDataloader = ConfigTrees.dict(
        "batch_size", 32,
        "num_workers", 2,
        "persistent_workers", true,
        "drop_last", false,
        "sampler", DefaultSamplerConfig.builder().shuffle(false).roundUp(false).build(),
        "dataset", CocoDatasetConfig.builder()
            .dataRoot(DATA_ROOT)
            .dataMode(DataMode.TOPDOWN)
            .annFile("annotations/person_keypoints_val2017.json")
            .bboxFile(DATA_ROOT + "person_detection_results/COCO_val2017_detections_AP_H_56_person.json")
            .dataPrefix(new DataPrefix("val2017/"))
            .testMode(true)
            .pipeline(valPipeline)
            .build());
    cfg.put("val_dataloader", valDataloader);
    cfg.put("test_dataloader", valDataloader);

    CocoMetricConfig evaluator = CocoMetricConfig.builder()
        .annFile(DATA_ROOT + "annotations/person_keypoints_val2017.json")
        .build();
    cfg.put("val_evaluator", evaluator);
    cfg.put("test_evaluator", evaluator);
    return cfg;
  }
}
