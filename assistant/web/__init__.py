"""The Gradio web app (``mine-assistant serve``). One module per tab; gradio is imported only when the
app is built, never at package import."""
