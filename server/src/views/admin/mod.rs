//! Pages of the staff area, one module per resource.
pub mod agencies;
pub mod audit;
pub mod competencies;
pub mod employees;
pub mod import;
pub mod operations;
pub mod positions;
pub mod users;
