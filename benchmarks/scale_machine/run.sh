#!/bin/bash
# On the bigger machine, from a copy of the repository root with the packed folder beside it as
# .devpages (see pack.sh): unpack the site, then measure how far the Dask path and the local process
# pool scale there.
#
#   bash .devpages/run.sh
set -x
mkdir -p /tmp/s && tar -xJf .devpages/site312.tar.xz -C /tmp/s || exit 1
export PYTHONPATH=/tmp/s/site312:$PWD/src PYTHONUNBUFFERED=1
nproc; lscpu | grep -i "model name"; python3 --version
python3 -c "import numpy, spacy, trafilatura, dask, lxml; print(numpy.__version__, spacy.__version__, trafilatura.__version__, dask.__version__, lxml.__version__)" || exit 1
python3 -c "from newsdesk.analyze import Analyzer; Analyzer().load(); print('models ok')" || exit 1
python3 benchmarks/throughput.py --only dask-scale --pages 1000 --pages-from .devpages/pages \
  --dask-workers 1,2,4,8,15 --shards 32 --repeat 3
python3 benchmarks/throughput.py --only full --pages 300 --pages-from .devpages/pages
