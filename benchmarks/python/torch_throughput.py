"""PyTorch side of ModelThroughput: MMPose's COCO 256x192 top-down models at batch 16, inference
(eval, no_grad) and a training step (forward, MSE loss, backward, Adam).

Written here from the published architectures (torchvision is not needed), each asserting
MMPose's parameter count:
- res50: SimpleBaseline ResNet-50 (33,999,697): ResNet-50 v1 (bottleneck stride on the 3x3 conv,
  as MMPose's ResNet style='pytorch'), HeatmapHead with three 4x4 stride-2 deconvolutions of 256
  channels + BN + ReLU and a 1x1 conv to 17 heatmaps.
- hrnet-w32: HRNet-w32 (28,536,113) as td-hm_hrnet-w32_8xb64-210e_coco-256x192.py configures
  MMPose's HRNet, with its HeatmapHead (a 1x1 conv from 32 channels to 17 heatmaps).

- rtmpose-m: RTMPose-m (13,587,611) built by MMPose itself (`init_model` of
  configs/body_2d_keypoint/rtmpose/coco/rtmpose-m_8xb256-420e_coco-256x192.py), so this one needs
  MMPose on the path (`. /work/ref/pyenv.sh`, MMPOSE_ROOT the checkout); its train step is the head's
  KLDiscretLoss on SimCC labels. `--model gau` times its RTMCCBlock alone on [batch, 17, 256] tokens.

Run (Debian: apt-get install python3-torch), on the same machine as the Java benchmark:

    /usr/bin/python3 benchmarks/python/torch_throughput.py [--model res50|hrnet-w32] [--threads 2]
        [--warmup 3] [--steps 10] [--bf16] [--channels-last] [--only infer|train]
    /usr/bin/python3 benchmarks/python/torch_throughput.py --info   # how this torch was built

--bf16 runs inference under torch.autocast('cpu', dtype=torch.bfloat16).
"""
import argparse
import time

import torch
from torch import nn


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inp, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return self.relu(out + identity)


def resnet50():
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1)]
    inp = 64
    for planes, blocks, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
        for i in range(blocks):
            s = stride if i == 0 else 1
            down = None
            if s != 1 or inp != planes * 4:
                down = nn.Sequential(nn.Conv2d(inp, planes * 4, 1, s, bias=False), nn.BatchNorm2d(planes * 4))
            layers.append(Bottleneck(inp, planes, s, down))
            inp = planes * 4
    return nn.Sequential(*layers)


def heatmap_head(inp=2048, k=17):
    layers = []
    for _ in range(3):
        layers += [nn.ConvTranspose2d(inp, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256), nn.ReLU(inplace=True)]
        inp = 256
    layers.append(nn.Conv2d(256, k, 1))
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inp, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


def conv_bn(inp, out, k, stride, relu):
    layers = [nn.Conv2d(inp, out, k, stride, k // 2, bias=False), nn.BatchNorm2d(out)]
    return nn.Sequential(*(layers + [nn.ReLU(inplace=True)] if relu else layers))


def blocks(block, inp, planes, n):
    """n blocks of `planes` (x expansion) channels; a 1x1 conv + BN shortcut when the width changes."""
    out = planes * block.expansion
    down = None if inp == out else nn.Sequential(nn.Conv2d(inp, out, 1, bias=False), nn.BatchNorm2d(out))
    return nn.Sequential(block(inp, planes, 1, down), *[block(out, planes) for _ in range(n - 1)])


class HRModule(nn.Module):
    """One multi-resolution module: per-branch BasicBlocks, then every output branch sums all
    branches, brought to its resolution by nearest upsampling after a 1x1 conv (lower ones) or
    by 3x3 stride-2 convs (higher ones), then ReLU."""

    def __init__(self, channels, num_blocks, multiscale_output):
        super().__init__()
        self.branches = nn.ModuleList(blocks(BasicBlock, c, c, num_blocks) for c in channels)
        n = len(channels)
        self.fuse_layers = nn.ModuleList()
        for i in range(n if multiscale_output else 1):
            fuse = nn.ModuleList()
            for j in range(n):
                if j > i:
                    fuse.append(nn.Sequential(nn.Conv2d(channels[j], channels[i], 1, bias=False),
                                              nn.BatchNorm2d(channels[i]),
                                              nn.Upsample(scale_factor=2 ** (j - i), mode='nearest')))
                elif j == i:
                    fuse.append(None)
                else:
                    steps = [conv_bn(channels[j], channels[j], 3, 2, True) for _ in range(i - j - 1)]
                    steps.append(conv_bn(channels[j], channels[i], 3, 2, False))
                    fuse.append(nn.Sequential(*steps))
            self.fuse_layers.append(fuse)
        self.relu = nn.ReLU()

    def forward(self, xs):
        xs = [branch(x) for branch, x in zip(self.branches, xs)]
        if len(xs) == 1:
            return xs
        out = []
        for fuse in self.fuse_layers:
            y = 0
            for j, x in enumerate(xs):
                y = y + (x if fuse[j] is None else fuse[j](x))
            out.append(self.relu(y))
        return out


class HRNetW32(nn.Module):
    """MMPose's HRNet with td-hm_hrnet-w32_8xb64-210e_coco-256x192.py's `extra`: stem of two
    3x3 stride-2 convs, stage 1 four Bottlenecks of 64 (x4) channels, stages 2-4 with 1, 4, 3
    modules of 2, 3, 4 branches of 32/64/128/256 channels and four BasicBlocks per branch, only
    the highest-resolution output from the last module; transitions are 3x3 conv + BN + ReLU."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(conv_bn(3, 64, 3, 2, True), conv_bn(64, 64, 3, 2, True))
        self.layer1 = blocks(Bottleneck, 64, 64, 4)
        widths = [32, 64, 128, 256]
        self.transitions = nn.ModuleList()
        self.stages = nn.ModuleList()
        previous = [256]
        for branches, modules in ((2, 1), (3, 4), (4, 3)):
            current = widths[:branches]
            transition = nn.ModuleList()
            for i, c in enumerate(current):
                if i < len(previous):
                    transition.append(None if previous[i] == c else conv_bn(previous[i], c, 3, 1, True))
                else:
                    transition.append(conv_bn(previous[-1], c, 3, 2, True))
            self.transitions.append(transition)
            last = branches == 4
            self.stages.append(nn.Sequential(*[HRModule(current, 4, not (last and m == modules - 1))
                                               for m in range(modules)]))
            previous = current

    def forward(self, x):
        xs = [self.layer1(self.stem(x))]
        for transition, stage in zip(self.transitions, self.stages):
            xs = [x_in if t is None else t(x_in)
                  for t, x_in in ((t, xs[min(i, len(xs) - 1)]) for i, t in enumerate(transition))]
            xs = stage(xs)
        return xs[0]


def hrnet_w32():
    """HRNet-w32 with MMPose's HeatmapHead for it (no deconvolutions, a 1x1 conv to 17 heatmaps)."""
    return nn.Sequential(HRNetW32(), nn.Conv2d(32, 17, 1))


class MMPoseTopdown(nn.Module):
    """MMPose's own backbone + head (TopdownPoseEstimator._forward), built from a config's model dict.
    Needs MMPose, MMPretrain and their dependencies importable (PYTHONPATH as /work/ref/pyenv.sh
    sets it)."""

    def __init__(self, config):
        super().__init__()
        from mmengine.config import Config
        from mmpose.registry import MODELS as POSE_MODELS
        from mmpose.utils import register_all_modules
        register_all_modules()
        import mmpretrain.models  # noqa: F401  (the mmpretrain scope ViTPose's backbone lives in)
        cfg = Config.fromfile(config).model
        cfg.backbone.pop('init_cfg', None)
        model = POSE_MODELS.build(cfg)
        self.backbone, self.head = model.backbone, model.head

    def forward(self, x):
        return self.head(self.backbone(x))


MMPOSE_CONFIGS = 'configs/body_2d_keypoint/topdown_heatmap/coco/'

MODELS = {
    # name: (builder, MMPose's parameter count, forward GFLOP per 256x192 image as its model zoo lists it)
    'res50': (lambda: nn.Sequential(resnet50(), heatmap_head()), 33_999_697, 2 * 5.46),
    'hrnet-w32': (hrnet_w32, 28_536_113, 2 * 7.1),
    # MMPose's own modules (run from MMPose's checkout); 17.1 GFLOPs (multiply-adds) is the ViTPose paper's
    'vitpose-b': (lambda: MMPoseTopdown(MMPOSE_CONFIGS + 'td-hm_ViTPose-base_8xb64-210e_coco-256x192.py'),
                  None, 2 * 17.1),
}


class RTMPoseM(nn.Module):
    """MMPose's RTMPose-m (backbone + head.forward; outputs the SimCC x and y vectors)."""

    def __init__(self):
        super().__init__()
        import os
        from mmpose.apis import init_model
        root = os.environ.get('MMPOSE_ROOT', '/work/ref/mmpose')
        m = init_model(os.path.join(root, 'configs/body_2d_keypoint/rtmpose/coco/rtmpose-m_8xb256-420e_coco-256x192.py'),
                       None, device='cpu')
        self.backbone, self.head = m.backbone, m.head

    def forward(self, x):
        return self.head(self.backbone(x))


MODELS['rtmpose-m'] = (RTMPoseM, 13_587_611, 2 * 1.93)


def gau(args):
    from mmpose.models.utils.rtmcc_block import RTMCCBlock
    block = RTMCCBlock(17, 256, 256, s=128, expansion_factor=2, act_fn='SiLU', use_rel_bias=False).eval()
    x = torch.randn(args.batch, 17, 256)

    def run():
        with torch.no_grad():
            block(x)

    t, _ = timed(run, args.warmup, args.steps)
    print('gau (RTMPose-m\'s RTMCCBlock, %d parameters) batch %d: %.3f ms per forward'
          % (sum(p.numel() for p in block.parameters()), args.batch, t * 1e3))


def timed(fn, warmup, steps):
    """Wall seconds and process CPU seconds (all threads) per step: on a shared machine images per
    CPU-second compare better than img/s, as in ModelThroughput."""
    for _ in range(warmup):
        fn()
    cpu = time.process_time()
    start = time.perf_counter()
    for _ in range(steps):
        fn()
    return (time.perf_counter() - start) / steps, (time.process_time() - cpu) / steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', choices=sorted(MODELS) + ['gau'], default='res50')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--warmup', type=int, default=3)
    ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--bf16', action='store_true')
    ap.add_argument('--channels-last', action='store_true', help='NHWC memory format for the model and input')
    ap.add_argument('--only', choices=('infer', 'train', 'both'), default='both')
    ap.add_argument('--info', action='store_true', help='print how this torch was built and its threading, then exit')
    args = ap.parse_args()
    if args.info:
        print(torch.__config__.show())
        print(torch.__config__.parallel_info())
        print('mkldnn available:', torch.backends.mkldnn.is_available(), '| mkldnn enabled:', torch.backends.mkldnn.enabled,
              '| mkl available:', torch.backends.mkl.is_available())
        return
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.model == 'gau':
        gau(args)
        return
    build, expected, gflop = MODELS[args.model]
    model = build()
    count = sum(p.numel() for p in model.parameters())
    # a model built from MMPose's own modules is MMPose's count by construction
    assert expected is None or count == expected, '%s has %d parameters, MMPose\'s has %d' % (args.model, count, expected)
    print('%s: %d parameters (= MMPose\'s), torch %s, %d threads, batch %d, 256x192%s'
          % (args.model, count, torch.__version__, torch.get_num_threads(), args.batch,
             ', channels_last' if args.channels_last else ''))
    x = torch.rand(args.batch, 3, 256, 192) * 255
    target = torch.rand(args.batch, 17, 64, 48)
    if args.model == 'rtmpose-m':  # SimCC labels (K, 384) and (K, 512) and keypoint weights
        target = (torch.rand(args.batch, 17, 384), torch.rand(args.batch, 17, 512), torch.ones(args.batch, 17))
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)

    model.eval()
    if args.only != 'train':
        run_inference(model, x, args, gflop)
    if args.only != 'infer':
        run_train(model, x, target, args, gflop)


def run_inference(model, x, args, gflop):
    def infer():
        with torch.no_grad():
            if args.bf16:
                with torch.autocast('cpu', dtype=torch.bfloat16):
                    model(x)
            else:
                model(x)

    t, cpu = timed(infer, args.warmup, args.steps)
    print('%s inference%s: %.2f img/s (%.1f GFLOP/s); %.2f img per CPU-second'
          % (args.model, ' bf16' if args.bf16 else '', args.batch / t, args.batch / t * gflop, args.batch / cpu))


def run_train(model, x, target, args, gflop):
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)

    def train():
        opt.zero_grad()
        if isinstance(target, tuple):
            loss = model.head.loss_module(model(x), target[:2], target[2])
        else:
            loss = ((model(x) - target) ** 2).mean()
        loss.backward()
        opt.step()

    t, cpu = timed(train, args.warmup, args.steps)
    print('%s train step: %.2f img/s (%.1f GFLOP/s); %.2f img per CPU-second'
          % (args.model, args.batch / t, args.batch / t * 3 * gflop, args.batch / cpu))


if __name__ == '__main__':
    main()
