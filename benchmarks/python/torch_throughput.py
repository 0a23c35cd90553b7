"""PyTorch side of ModelThroughput: SimpleBaseline ResNet-50 (MMPose's td-hm_res50 COCO 256x192 model)
at batch 16, inference (eval, no_grad) and a training step (forward, MSE loss, backward, Adam).

Written here from the published architecture (torchvision is not needed): ResNet-50 v1 (bottleneck
stride on the 3x3 conv, as MMPose's ResNet style='pytorch'), HeatmapHead with three 4x4 stride-2
deconvolutions of 256 channels + BN + ReLU and a 1x1 conv to 17 heatmaps. Its parameter count is
printed so it can be checked against MMPose's 33,999,697.

Run (Debian: apt-get install python3-torch), on the same machine as the Java benchmark:

    /usr/bin/python3 benchmarks/python/torch_throughput.py [--threads 2] [--warmup 3] [--steps 10] [--bf16] [--only infer|train]

--bf16 runs inference under torch.autocast('cpu', dtype=torch.bfloat16).
HRNet-w32 is not written here (see docs/benchmarks.md).
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


def timed(fn, warmup, steps):
    for _ in range(warmup):
        fn()
    start = time.perf_counter()
    for _ in range(steps):
        fn()
    return (time.perf_counter() - start) / steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--batch', type=int, default=16)
    ap.add_argument('--warmup', type=int, default=3)
    ap.add_argument('--steps', type=int, default=10)
    ap.add_argument('--bf16', action='store_true')
    ap.add_argument('--only', choices=('infer', 'train', 'both'), default='both')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = nn.Sequential(resnet50(), heatmap_head())
    print('SimpleBaseline ResNet-50: %d parameters, torch %s, %d threads, batch %d, 256x192'
          % (sum(p.numel() for p in model.parameters()), torch.__version__, torch.get_num_threads(), args.batch))
    x = torch.rand(args.batch, 3, 256, 192) * 255
    target = torch.rand(args.batch, 17, 64, 48)
    gflop = 2 * 5.46  # per image forward, as MMPose's model zoo lists it (multiply-adds x 2)

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

    t = timed(infer, args.warmup, args.steps)
    print('inference%s: %.2f img/s (%.1f GFLOP/s)' % (' bf16' if args.bf16 else '', args.batch / t, args.batch / t * gflop))


def run_train(model, x, target, args, gflop):
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)

    def train():
        opt.zero_grad()
        loss = ((model(x) - target) ** 2).mean()
        loss.backward()
        opt.step()

    t = timed(train, args.warmup, args.steps)
    print('train step: %.2f img/s (%.1f GFLOP/s)' % (args.batch / t, args.batch / t * 3 * gflop))


if __name__ == '__main__':
    main()
