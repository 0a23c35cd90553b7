"""Writes torch_optim_fixtures.json: torch.optim runs driven the way MMEngine's OptimWrapper drives
them (loss / loss_factor per iteration, clip_grad_norm_ then step then zero_grad every
accumulative_counts iterations and on the last one), with a scheduler's lr change before every
iteration after the first. OptimizerFixturesTest replays the same gradients through PoseKit's
graph optimizer and compares weights, optimizer state and grad_norm after every iteration.

Run: /usr/bin/python3 torch_optim_fixtures.py (PyTorch 1.13 from Debian's python3-torch).
"""
import json
import torch

NAMES = ["backbone.conv1.weight", "backbone.conv1.bias", "backbone.bn1.weight"]
SHAPES = [(2, 3), (3,), (3,)]


def run(name, optimizer, groups, clip, acc, iters, seed):
    gen = torch.Generator().manual_seed(seed)
    params = [torch.randn(s, generator=gen, dtype=torch.float32).requires_grad_() for s in SHAPES]
    initial = {n: p.detach().flatten().tolist() for n, p in zip(NAMES, params)}
    torch_groups = [dict(params=[params[i] for i in g["params"]], lr=g["lr"], weight_decay=g["weight_decay"]) for g in groups]
    kind = optimizer["type"]
    if kind == "SGD":
        opt = torch.optim.SGD(torch_groups, lr=optimizer["lr"], momentum=optimizer["momentum"],
                              dampening=optimizer["dampening"], nesterov=optimizer["nesterov"])
    else:
        cls = torch.optim.Adam if kind == "Adam" else torch.optim.AdamW
        opt = cls(torch_groups, lr=optimizer["lr"], betas=tuple(optimizer["betas"]), eps=optimizer["eps"],
                  amsgrad=optimizer["amsgrad"])
    remainder = iters % acc
    iterations = []
    for it in range(iters):
        if it > 0:
            for g in opt.param_groups:
                g["lr"] *= 0.8
        magnitude = 3.0 if it % 2 == 0 else 0.1
        grads = [torch.randn(s, generator=gen, dtype=torch.float32) * magnitude for s in SHAPES]
        factor = acc if it < iters - remainder else remainder
        loss = sum((g * p).sum() for g, p in zip(grads, params)) / factor
        loss.backward()
        update = (it + 1) % acc == 0 or it + 1 == iters
        record = dict(lrs=[g["lr"] for g in opt.param_groups],
                      grads={n: g.flatten().tolist() for n, g in zip(NAMES, grads)}, update=update)
        if update:
            if clip is not None:
                record["grad_norm"] = float(torch.nn.utils.clip_grad_norm_(params, clip["max_norm"], float(clip["norm_type"])))
            opt.step()
            opt.zero_grad()
        record["weights"] = {n: p.detach().flatten().tolist() for n, p in zip(NAMES, params)}
        state = {}
        for n, p in zip(NAMES, params):
            s = opt.state.get(p, {})
            state[n] = {k: v.flatten().tolist() for k, v in s.items() if k != "step" and torch.is_tensor(v)}
            if "step" in s:
                state[n]["step"] = int(s["step"])
        record["state"] = state
        iterations.append(record)
    return dict(name=name, optimizer=optimizer, groups=groups, clip=clip, accumulative_counts=acc,
                shapes={n: list(s) for n, s in zip(NAMES, SHAPES)}, initial=initial, iterations=iterations)


def sgd(lr, momentum=0.0, dampening=0.0, nesterov=False):
    return dict(type="SGD", lr=lr, momentum=momentum, dampening=dampening, nesterov=nesterov)


def adam(kind, lr, betas=(0.9, 0.999), eps=1e-8, amsgrad=False):
    return dict(type=kind, lr=lr, betas=list(betas), eps=eps, amsgrad=amsgrad)


def one_group(lr, wd):
    return [dict(params=[0, 1, 2], lr=lr, weight_decay=wd)]


def per_param(lrs, wds):
    return [dict(params=[i], lr=lr, weight_decay=wd) for i, (lr, wd) in enumerate(zip(lrs, wds))]


CASES = [
    # paramwise_cfg-like groups: bias lr x2, norm without decay; L2 clipping; a window of 3 with a tail of 1
    run("sgd_momentum_groups_clip_accumulation_tail", sgd(0.1, 0.9), per_param([0.1, 0.2, 0.1], [1e-2, 1e-2, 0.0]),
        dict(max_norm=1.0, norm_type=2.0), 3, 7, 1),
    run("sgd_nesterov_weight_decay", sgd(0.05, 0.9, nesterov=True), one_group(0.05, 1e-3), None, 1, 5, 2),
    run("sgd_dampening_one_norm_clip_accumulation", sgd(0.05, 0.8, dampening=0.3), one_group(0.05, 0.0),
        dict(max_norm=2.0, norm_type=1.0), 2, 5, 3),
    run("sgd_without_momentum", sgd(0.1), one_group(0.1, 1e-2), None, 1, 3, 4),
    run("adam_l2_groups", adam("Adam", 1e-2, betas=(0.9, 0.99)), per_param([1e-2, 1e-2, 5e-3], [1e-2, 1e-2, 0.0]), None, 1, 5, 5),
    run("adam_amsgrad_inf_norm_clip", adam("Adam", 1e-2, amsgrad=True), one_group(1e-2, 0.0),
        dict(max_norm=0.5, norm_type="inf"), 1, 6, 6),
    run("adamw_decoupled_decay_accumulation", adam("AdamW", 1e-2), per_param([1e-2] * 3, [0.01, 0.01, 0.0]), None, 2, 5, 7),
    run("adamw_amsgrad", adam("AdamW", 1e-2, amsgrad=True), one_group(1e-2, 0.1), None, 1, 4, 8),
]

if __name__ == "__main__":
    with open("torch_optim_fixtures.json", "w") as f:
        json.dump(dict(torch=torch.__version__, cases=CASES), f, indent=None, separators=(",", ":"))
