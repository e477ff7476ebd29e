"""The stages of `pipeline.update()`, one module each."""
