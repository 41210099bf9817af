//! `competency-gaps`: the nightly snapshot of competency gaps per agency and competency
//! (`bangkom_entities::gaps::snapshot::take`). The work is one set-based statement in the
//! database; nothing per employee passes through this process.

use anyhow::Context as _;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use bangkom_entities::enums::JobOutcome;
use bangkom_entities::gaps::snapshot;
use bangkom_entities::schema::job_runs;

use crate::runner::{Counts, JobContext};

pub const NAME: &str = "competency-gaps";

/// Takes a snapshot, linked to this process's running ledger row.
pub async fn run(ctx: &JobContext) -> anyhow::Result<Counts> {
    let run_id = job_runs::Entity::find()
        .filter(job_runs::Column::JobName.eq(NAME))
        .filter(job_runs::Column::Holder.eq(ctx.holder.as_str()))
        .filter(job_runs::Column::Outcome.eq(JobOutcome::Running))
        .order_by_desc(job_runs::Column::Id)
        .one(&ctx.db)
        .await
        .context("finding this run in the ledger")?
        .map(|r| r.id);
    let taken = snapshot::take(&ctx.db, run_id, ctx.clock.now()).await.context("taking the gap snapshot")?;
    Ok(Counts::from([
        ("snapshot", taken.snapshot_id as u64),
        ("employees", taken.employees),
        ("rows", taken.rows),
        ("pruned", taken.pruned),
    ]))
}
