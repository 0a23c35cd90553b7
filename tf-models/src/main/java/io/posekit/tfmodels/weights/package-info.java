/**
 * Model state in and out: {@link io.posekit.tfmodels.weights.StateDict} (named float arrays in
 * PyTorch's layouts, what {@code model.state_dict()} holds), PyTorch {@code .pth} checkpoints read
 * directly ({@link io.posekit.tfmodels.weights.TorchCheckpoint}) and written in the same format
 * ({@link io.posekit.tfmodels.weights.TorchCheckpointWriter}), MMEngine's checkpoint-loading
 * rules ({@link io.posekit.tfmodels.weights.CheckpointLoader}) and {@code init_cfg}
 * ({@link io.posekit.tfmodels.weights.InitCfg}).
 */
package io.posekit.tfmodels.weights;
