"""Makes the .pth fixtures of PthFixtureTest and the heatmaps PyTorch computes from them.

Rerun (needs only PyTorch; Debian: apt-get install python3-torch), from this directory:

    python3 make_fixtures.py

The modules below are written here, not imported from MMPose, but mirror MMPose's structure and
attribute names exactly (mmpose/models/backbones/resnet.py, hrnet.py, heads/heatmap_heads/
heatmap_head.py, pose_estimators/topdown.py), so the state-dict keys are MMPose's. Channels are
narrow so the files stay small. Outputs, all little-endian float32, NHWC:
  <name>.pth               the checkpoint (torch.save zip format)
  input.f32                the normalised input of both models, shape (1, 64, 64, 3)
  <name>.heatmaps.f32      the eval-mode heatmaps, shape (1, h, w, K)
  legacy_format.pth        a tiny state dict in the pre-1.6 (non-zip) torch.save format, with
                           a transposed view, float64 views into one shared storage, an int64
"""
import collections

import torch
from torch import nn

torch.manual_seed(0)
K = 17
H, W = 64, 64  # divisible by 32, so HRNet's branches line up as at 256x192


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inp, out, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inp, out, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out)
        self.conv2 = nn.Conv2d(out, out, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inp, out, stride=1, downsample=None):
        super().__init__()
        mid = out // 4
        self.conv1 = nn.Conv2d(inp, mid, 1, 1, 0, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, mid, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(mid, out, 1, 1, 0, bias=False)
        self.bn3 = nn.BatchNorm2d(out)
        self.relu = nn.ReLU()
        self.downsample = downsample

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


def res_layer(block, inp, out, blocks, stride):
    layers = []
    for b in range(blocks):
        s = stride if b == 0 else 1
        down = None
        if b == 0 and (s != 1 or inp != out):
            down = nn.Sequential(nn.Conv2d(inp, out, 1, s, bias=False), nn.BatchNorm2d(out))
        layers.append(block(inp, out, s, down))
        inp = out
    return nn.Sequential(*layers)


class ResNet(nn.Module):
    """MMPose's ResNet(depth=18, stem_channels, base_channels), plain stem, out_indices=(3,)."""

    def __init__(self, stem_channels, base_channels):
        super().__init__()
        self.conv1 = nn.Conv2d(3, stem_channels, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(stem_channels)
        self.relu = nn.ReLU()
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        inp = stem_channels
        for i in range(4):
            out = base_channels * 2 ** i
            setattr(self, f'layer{i + 1}', res_layer(BasicBlock, inp, out, 2, 1 if i == 0 else 2))
            inp = out

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        for i in range(4):
            x = getattr(self, f'layer{i + 1}')(x)
        return (x,)


class HRModule(nn.Module):
    def __init__(self, num_branches, block, num_blocks, in_channels, num_channels, multiscale_output):
        super().__init__()
        self.in_channels = list(in_channels)
        self.num_branches = num_branches
        self.multiscale_output = multiscale_output
        branches = []
        for i in range(num_branches):
            out = num_channels[i] * block.expansion
            layers = []
            for b in range(num_blocks[i]):
                inp = self.in_channels[i] if b == 0 else out
                down = None
                if inp != out:
                    down = nn.Sequential(nn.Conv2d(inp, out, 1, 1, bias=False), nn.BatchNorm2d(out))
                layers.append(block(inp, out, 1, down))
            self.in_channels[i] = out
            branches.append(nn.Sequential(*layers))
        self.branches = nn.ModuleList(branches)
        self.fuse_layers = self._make_fuse_layers() if num_branches > 1 else None
        self.relu = nn.ReLU()

    def _make_fuse_layers(self):
        c = self.in_channels
        num_out = self.num_branches if self.multiscale_output else 1
        fuse = []
        for i in range(num_out):
            row = []
            for j in range(self.num_branches):
                if j > i:
                    row.append(nn.Sequential(
                        nn.Conv2d(c[j], c[i], 1, 1, 0, bias=False), nn.BatchNorm2d(c[i]),
                        nn.Upsample(scale_factor=2 ** (j - i), mode='nearest')))
                elif j == i:
                    row.append(None)
                else:
                    downs = []
                    for k in range(i - j):
                        if k == i - j - 1:
                            downs.append(nn.Sequential(
                                nn.Conv2d(c[j], c[i], 3, 2, 1, bias=False), nn.BatchNorm2d(c[i])))
                        else:
                            downs.append(nn.Sequential(
                                nn.Conv2d(c[j], c[j], 3, 2, 1, bias=False), nn.BatchNorm2d(c[j]), nn.ReLU()))
                    row.append(nn.Sequential(*downs))
            fuse.append(nn.ModuleList(row))
        return nn.ModuleList(fuse)

    def forward(self, x):
        x = [self.branches[i](x[i]) for i in range(self.num_branches)]
        if self.fuse_layers is None:
            return x
        out = []
        for i in range(len(self.fuse_layers)):
            y = 0
            for j in range(self.num_branches):
                y = y + (x[j] if i == j else self.fuse_layers[i][j](x[j]))
            out.append(self.relu(y))
        return out


class HRNet(nn.Module):
    """MMPose's HRNet with the given extra (stage4 multiscale_output False)."""

    blocks = {'BASIC': BasicBlock, 'BOTTLENECK': Bottleneck}

    def __init__(self, extra):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.conv2 = nn.Conv2d(64, 64, 3, 2, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU()
        s1 = extra['stage1']
        block = self.blocks[s1['block']]
        out = s1['num_channels'][0] * block.expansion
        self.layer1 = res_layer(block, 64, out, s1['num_blocks'][0], 1)
        pre = [out]
        for s in (2, 3, 4):
            cfg = extra[f'stage{s}']
            block = self.blocks[cfg['block']]
            cur = [c * block.expansion for c in cfg['num_channels']]
            setattr(self, f'transition{s - 1}', self._make_transition_layer(pre, cur))
            multiscale = cfg.get('multiscale_output', False) if s == 4 else True
            modules = []
            inp = cur
            for m in range(cfg['num_modules']):
                mod = HRModule(cfg['num_branches'], block, cfg['num_blocks'], inp, cfg['num_channels'],
                               multiscale or m < cfg['num_modules'] - 1)
                modules.append(mod)
                inp = mod.in_channels
            setattr(self, f'stage{s}', nn.Sequential(*modules))
            pre = inp

    @staticmethod
    def _make_transition_layer(pre, cur):
        layers = []
        for i in range(len(cur)):
            if i < len(pre):
                if cur[i] != pre[i]:
                    layers.append(nn.Sequential(
                        nn.Conv2d(pre[i], cur[i], 3, 1, 1, bias=False), nn.BatchNorm2d(cur[i]), nn.ReLU()))
                else:
                    layers.append(None)
            else:
                downs = []
                for j in range(i + 1 - len(pre)):
                    inp = pre[-1]
                    out = cur[i] if j == i - len(pre) else inp
                    downs.append(nn.Sequential(
                        nn.Conv2d(inp, out, 3, 2, 1, bias=False), nn.BatchNorm2d(out), nn.ReLU()))
                layers.append(nn.Sequential(*downs))
        return nn.ModuleList(layers)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.relu(self.bn2(self.conv2(x)))
        ys = [self.layer1(x)]
        for s in (2, 3, 4):
            t = getattr(self, f'transition{s - 1}')
            xs = []
            for i in range(len(t)):
                src = ys[i] if i < len(ys) else ys[-1]
                xs.append(src if t[i] is None else t[i](src))
            ys = getattr(self, f'stage{s}')(xs)
        return ys


class HeatmapHead(nn.Module):
    def __init__(self, in_channels, out_channels, deconv_out_channels):
        super().__init__()
        layers = []
        for c in deconv_out_channels:
            layers += [nn.ConvTranspose2d(in_channels, c, 4, 2, 1, 0, bias=False), nn.BatchNorm2d(c), nn.ReLU()]
            in_channels = c
        self.deconv_layers = nn.Sequential(*layers) if layers else nn.Identity()
        self.conv_layers = nn.Identity()
        self.final_layer = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, feats):
        return self.final_layer(self.conv_layers(self.deconv_layers(feats[-1])))


class TopdownPoseEstimator(nn.Module):
    def __init__(self, backbone, head):
        super().__init__()
        self.backbone = backbone
        self.head = head

    def forward(self, x):
        return self.head(self.backbone(x))


def randomise(model):
    """Non-trivial BN statistics and affine parameters, O(1) activations, so the check means something."""
    g = torch.Generator().manual_seed(1)
    for m in model.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            fan_in = m.weight[0].numel() if isinstance(m, nn.Conv2d) else m.weight.shape[0] * m.weight[0, 0].numel()
            m.weight.data = torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5
            if m.bias is not None:
                m.bias.data = torch.randn(m.bias.shape, generator=g) * 0.1
        elif isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.weight.data = 0.5 + torch.rand(n, generator=g)
            m.bias.data = torch.randn(n, generator=g) * 0.1
            m.running_mean = torch.randn(n, generator=g) * 0.1
            m.running_var = 0.5 + torch.rand(n, generator=g)
            m.num_batches_tracked = torch.tensor(7, dtype=torch.long)


def write_f32(path, t):
    with open(path, 'wb') as f:
        f.write(t.detach().contiguous().numpy().astype('<f4').tobytes())


def save(name, model, checkpoint_of, round_to_half=False):
    randomise(model)
    if round_to_half:
        # stored in float16 below: the reference heatmaps must come from the stored values
        for t in list(model.parameters()) + [b for b in model.buffers() if b.is_floating_point()]:
            t.data = t.data.half().float()
    model.eval()
    x = torch.randn(1, 3, H, W, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        y = model(x)
    write_f32('input.f32', x.permute(0, 2, 3, 1))  # the same input for every model
    write_f32(f'{name}.heatmaps.f32', y.permute(0, 2, 3, 1))
    torch.save(checkpoint_of(model), f'{name}.pth')
    print(name, 'heatmaps', tuple(y.permute(0, 2, 3, 1).shape), 'params',
          sum(p.numel() for p in model.parameters()))


def mmengine_checkpoint(model):
    # what MMEngine's CheckpointHook writes: meta + state_dict (+ optimizer, ignored by load_checkpoint)
    sd = model.state_dict()
    # exercise strided and offset storages: a non-contiguous view and a view into a larger storage
    w = sd['backbone.layer1.0.conv1.weight']
    sd['backbone.layer1.0.conv1.weight'] = w.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)
    b = sd['head.final_layer.bias']
    big = torch.cat([torch.full((5,), 99.0), b])
    sd['head.final_layer.bias'] = big[5:]
    return {'meta': {'epoch': 3, 'iter': 12, 'mmengine_version': '0.10.3',
                     'dataset_meta': {'dataset_name': 'coco', 'num_keypoints': K}},
            'state_dict': sd,
            'message_hub': {'log_scalars': collections.OrderedDict(lr=[0.001])}}


def half_module_checkpoint(model):
    # a DataParallel-style ('module.' prefix) checkpoint under 'model', stored in float16 and float64
    sd = collections.OrderedDict()
    for k, v in model.state_dict().items():
        if not v.is_floating_point():
            sd['module.' + k] = v
        elif k.endswith('running_var'):
            sd['module.' + k] = v.double()
        else:
            sd['module.' + k] = v.half()
    return {'model': sd, 'meta': {'note': 'float16 weights'}}


def legacy():
    base = torch.arange(10, dtype=torch.float64) * 0.5
    sd = {'a.weight': torch.arange(6, dtype=torch.float32).reshape(2, 3).t(),
          'a.bias': base[4:7], 'b.shared': base[2:4],
          'a.num_batches_tracked': torch.tensor(3)}
    torch.save({'state_dict': sd, 'meta': {'epoch': 1}}, 'legacy_format.pth',
               _use_new_zipfile_serialization=False)


def main():
    resnet = TopdownPoseEstimator(ResNet(stem_channels=8, base_channels=4),
                                  HeatmapHead(32, K, (16, 16, 16)))
    hrnet_extra = dict(
        stage1=dict(num_modules=1, num_branches=1, block='BOTTLENECK', num_blocks=(1,), num_channels=(4,)),
        stage2=dict(num_modules=1, num_branches=2, block='BASIC', num_blocks=(1, 1), num_channels=(4, 8)),
        stage3=dict(num_modules=1, num_branches=3, block='BASIC', num_blocks=(1, 1, 1), num_channels=(4, 8, 12)),
        stage4=dict(num_modules=1, num_branches=4, block='BASIC', num_blocks=(1, 1, 1, 1),
                    num_channels=(4, 8, 12, 16)))
    hrnet = TopdownPoseEstimator(HRNet(hrnet_extra), HeatmapHead(4, K, ()))
    save('resnet18_tiny', resnet, mmengine_checkpoint)
    save('hrnet_tiny', hrnet, half_module_checkpoint, round_to_half=True)
    legacy()


if __name__ == '__main__':
    main()
