//! The two state machines of training, each as one `transition(from, action)`: the domain
//! calls these and nothing else to decide whether a change is allowed; pages and the API
//! render what it returns with the record (`enrolments::allowed`, `enrolments::own_place`).

use crate::enums::{BatchStatus, EnrolmentState};

/// A state change that the machine does not allow from the current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{action} is not allowed from {from}")]
pub struct TransitionRefused {
    pub from: &'static str,
    pub action: &'static str,
}

/// What can happen to an enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolmentAction {
    /// The supervisor (or staff) agrees to the request.
    Approve,
    /// The supervisor (or staff) refuses the request, with a reason.
    Reject,
    /// A seat was free and is now this enrolment's.
    TakeSeat,
    /// The batch was full: in line for a seat.
    JoinWaitlist,
    /// A seat came free and the first in line gets it.
    Promote,
    /// The employee (or staff) withdraws, or the batch is cancelled.
    Withdraw,
    /// A withdrawn enrolment is asked for again while enrolment is open: back in line.
    EnrolAgain,
    /// Attended the whole batch, result still to come.
    MarkAttended,
    Pass,
    Fail,
    MarkNoShow,
}

impl EnrolmentAction {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::TakeSeat => "take_seat",
            Self::JoinWaitlist => "join_waitlist",
            Self::Promote => "promote",
            Self::Withdraw => "withdraw",
            Self::EnrolAgain => "enrol_again",
            Self::MarkAttended => "mark_attended",
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::MarkNoShow => "mark_no_show",
        }
    }
}

/// The enrolment state machine. A request starts as `requested`; it is approved (when the
/// programme needs it) and then seated or waitlisted; the waitlist is promoted in order;
/// anything not yet final can be withdrawn; a seated participant ends passed, failed or
/// no-show (possibly through `attended`).
pub fn transition(
    from: EnrolmentState,
    action: EnrolmentAction,
) -> Result<EnrolmentState, TransitionRefused> {
    use EnrolmentAction as A;
    use EnrolmentState as S;
    let to = match (from, action) {
        (S::Requested, A::Approve) => S::Approved,
        (S::Requested, A::Reject) => S::Rejected,
        (S::Requested | S::Approved, A::TakeSeat) => S::Enrolled,
        (S::Requested | S::Approved, A::JoinWaitlist) => S::Waitlisted,
        (S::Waitlisted, A::Promote) => S::Enrolled,
        (S::Requested | S::Approved | S::Waitlisted | S::Enrolled, A::Withdraw) => S::Withdrawn,
        (S::Withdrawn, A::EnrolAgain) => S::Requested,
        (S::Enrolled, A::MarkAttended) => S::Attended,
        (S::Enrolled | S::Attended, A::Pass) => S::Passed,
        (S::Enrolled | S::Attended, A::Fail) => S::Failed,
        (S::Enrolled, A::MarkNoShow) => S::NoShow,
        _ => return Err(TransitionRefused { from: from.as_str(), action: action.as_str() }),
    };
    Ok(to)
}

/// What staff can do to a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchAction {
    /// Open enrolment (also re-opens a closed batch).
    Open,
    /// Close enrolment.
    Close,
    /// The batch begins.
    Start,
    /// The batch is over.
    Complete,
    Cancel,
}

impl BatchAction {
    pub const ALL: [BatchAction; 5] = [
        BatchAction::Open,
        BatchAction::Close,
        BatchAction::Start,
        BatchAction::Complete,
        BatchAction::Cancel,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Close => "close",
            Self::Start => "start",
            Self::Complete => "complete",
            Self::Cancel => "cancel",
        }
    }

    pub fn parse(raw: &str) -> Option<BatchAction> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }
}

/// The batch state machine: draft → open → closed → running → completed, a closed batch may
/// open again, and anything before completion may be cancelled.
pub fn batch_transition(from: BatchStatus, action: BatchAction) -> Result<BatchStatus, TransitionRefused> {
    use BatchAction as A;
    use BatchStatus as S;
    let to = match (from, action) {
        (S::Draft | S::Closed, A::Open) => S::Open,
        (S::Open, A::Close) => S::Closed,
        (S::Closed, A::Start) => S::Running,
        (S::Running, A::Complete) => S::Completed,
        (S::Draft | S::Open | S::Closed | S::Running, A::Cancel) => S::Cancelled,
        _ => return Err(TransitionRefused { from: from.as_str(), action: action.as_str() }),
    };
    Ok(to)
}

/// The actions allowed from a batch status, for the buttons a page shows.
pub fn batch_actions(from: BatchStatus) -> Vec<BatchAction> {
    BatchAction::ALL.into_iter().filter(|a| batch_transition(from, *a).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use EnrolmentAction as A;
    use EnrolmentState as S;

    #[test]
    fn the_enrolment_path_and_its_refusals() {
        assert_eq!(transition(S::Requested, A::Approve), Ok(S::Approved));
        assert_eq!(transition(S::Approved, A::TakeSeat), Ok(S::Enrolled));
        assert_eq!(transition(S::Approved, A::JoinWaitlist), Ok(S::Waitlisted));
        assert_eq!(transition(S::Waitlisted, A::Promote), Ok(S::Enrolled));
        assert_eq!(transition(S::Enrolled, A::Pass), Ok(S::Passed));
        assert_eq!(transition(S::Attended, A::Fail), Ok(S::Failed));
        assert_eq!(transition(S::Enrolled, A::MarkNoShow), Ok(S::NoShow));
        assert_eq!(transition(S::Enrolled, A::Withdraw), Ok(S::Withdrawn));
        assert_eq!(transition(S::Withdrawn, A::EnrolAgain), Ok(S::Requested));
        // Refused: deciding twice, seating a rejected request, a result for someone never
        // seated, withdrawing after the end, promoting someone not waiting.
        for (from, action) in [
            (S::Approved, A::Approve),
            (S::Rejected, A::TakeSeat),
            (S::Waitlisted, A::Pass),
            (S::Requested, A::Pass),
            (S::Passed, A::Withdraw),
            (S::Withdrawn, A::Withdraw),
            (S::Enrolled, A::Promote),
            (S::Enrolled, A::Approve),
            (S::Attended, A::MarkNoShow),
            (S::Enrolled, A::EnrolAgain),
            (S::Rejected, A::EnrolAgain),
            (S::Passed, A::EnrolAgain),
        ] {
            assert_eq!(
                transition(from, action),
                Err(TransitionRefused { from: from.as_str(), action: action.as_str() }),
                "{from} {action:?}"
            );
        }
        // Final states stay final.
        for from in EnrolmentState::ALL.iter().filter(|s| s.is_final()) {
            for action in
                [A::Approve, A::Reject, A::TakeSeat, A::JoinWaitlist, A::Promote, A::Withdraw, A::Pass]
            {
                assert!(transition(*from, action).is_err(), "{from} {action:?}");
            }
        }
    }

    #[test]
    fn the_batch_path_and_its_refusals() {
        use BatchAction as B;
        use BatchStatus as S;
        assert_eq!(batch_transition(S::Draft, B::Open), Ok(S::Open));
        assert_eq!(batch_transition(S::Open, B::Close), Ok(S::Closed));
        assert_eq!(batch_transition(S::Closed, B::Open), Ok(S::Open));
        assert_eq!(batch_transition(S::Closed, B::Start), Ok(S::Running));
        assert_eq!(batch_transition(S::Running, B::Complete), Ok(S::Completed));
        assert_eq!(batch_transition(S::Running, B::Cancel), Ok(S::Cancelled));
        for (from, action) in [
            (S::Draft, B::Start),
            (S::Draft, B::Complete),
            (S::Open, B::Complete),
            (S::Open, B::Start),
            (S::Completed, B::Cancel),
            (S::Cancelled, B::Open),
            (S::Completed, B::Open),
        ] {
            assert!(batch_transition(from, action).is_err(), "{from} {action:?}");
        }
        assert_eq!(batch_actions(S::Open), vec![B::Close, B::Cancel]);
        assert!(batch_actions(S::Completed).is_empty());
    }
}
