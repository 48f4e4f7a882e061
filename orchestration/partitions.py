"""The batches' partitions follow the raw folder: the raw folder sensor, and the same sync for `entente run`."""

import hashlib
import json
from pathlib import Path

import dagster as dg

from orchestration.assets.batches import BATCHES
from orchestration.corrections import corrections_path
from orchestration.jobs import load_warehouse_job, read_batches_job
from orchestration.resources import ParquetStore, RawFolder
from transforms.batches import Batch


def partition_changes(instance: dg.DagsterInstance, batches: dict[str, Batch]) -> tuple[list[str], list[str]]:
    """The keys to add to and delete from the partitions, for the raw folder's batches (transforms.batches.batches_by_key)."""
    known = instance.get_dynamic_partitions(BATCHES.name)
    known_keys = set(known)
    added = [key for key in batches if key not in known_keys]  # in the order of their names
    removed = [key for key in known if key not in batches]
    return added, removed


def sync_partitions(instance: dg.DagsterInstance, batches: dict[str, Batch], parquet: ParquetStore) -> dict[str, Batch]:
    """Make the partitions the raw folder's batches; returns every batch by key, in partition order."""
    added, removed = partition_changes(instance, batches)
    for key in removed:
        parquet.delete_batch(key)
        instance.delete_dynamic_partition(BATCHES.name, key)
    instance.add_dynamic_partitions(BATCHES.name, added)
    # A partition the sensor added for a batch that came after this listing is the sensor's to run.
    return {key: batches[key] for key in instance.get_dynamic_partitions(BATCHES.name) if key in batches}


@dg.sensor(
    jobs=[read_batches_job, load_warehouse_job],
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=(
        "Watches ENTENTE_RAW_DIR: adds a partition of raw/batches for each new top-level file or folder and requests "
        "its run, requests a run for a batch whose files changed, and deletes the partition and Parquet files of a "
        "removed one. The raw tables and dbt follow through their automation conditions. A changed corrections "
        "file (ENTENTE_CORRECTIONS) requests a load of the raw tables, so the next warehouse applies it."
    ),
)
def raw_folder_sensor(context: dg.SensorEvaluationContext, parquet: ParquetStore, raw_folder: RawFolder):
    raw_dir = raw_folder.folder
    batches = raw_folder.batches()
    added, removed = partition_changes(context.instance, batches)
    # The cursor holds each batch's signature as of the last tick: a batch is read when its signature is new;
    # and the corrections file's (a cursor of an older version holds the batches' alone).
    signatures = {key: batch.signature for key, batch in batches.items()}
    last = json.loads(context.cursor) if context.cursor else {}
    last_batches, last_corrections = (last["batches"], last["corrections"]) if "batches" in last else (last, None)
    corrections = corrections_signature(corrections_path())
    run_requests = [
        dg.RunRequest(run_key=f"{key}@{signature}", job_name=read_batches_job.name, partition_key=key)
        for key, signature in signatures.items()
        if key in added or last_batches.get(key) != signature
    ]
    cursor = json.dumps({"batches": signatures, "corrections": corrections}, sort_keys=True)
    corrected = context.cursor is not None and corrections != last_corrections
    if (removed or corrected) and not run_requests:
        # No batch to read, whose stored files would trigger the raw tables: rebuild them now (without the
        # removed batches, with the corrections file as it is).
        run_requests.append(dg.RunRequest(run_key=f"load@{hashlib.sha256(cursor.encode()).hexdigest()[:16]}", job_name=load_warehouse_job.name))
    if not (run_requests or added or removed):
        return dg.SkipReason(f"no new, changed or removed batch in {raw_dir}, and the same corrections file")
    for key in removed:
        parquet.delete_batch(key)
    context.log.info(f"{len(added)} new batches, {len(removed)} removed, {len(run_requests)} runs requested")
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=[BATCHES.build_add_request(added), BATCHES.build_delete_request(removed)],
        cursor=cursor,
    )



def corrections_signature(path: Path | None) -> str:
    """The corrections file's size and modification time; "none" when there is no file."""
    if path is None or not path.exists():
        return "none"
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"
