"""The pure core: parameters, arithmetic, frames. Imports no web or drawing library."""
