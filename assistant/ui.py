"""The chat page (Gradio): its layout, theme, CSS and mounting options.

``build_demo(assistant)`` makes the page; every answer comes from ``assistant.chat``.
``LAUNCH`` holds the options (theme, CSS, privacy switches) that ``gr.mount_gradio_app``
takes in Gradio 6 (and ``Blocks.launch`` too, which the same keys fit); ``assistant.web``
mounts the page beside the light pages. Importing this module starts nothing.

Privacy: analytics, run history, monitoring and MCP are off; nothing is flagged, cached
or logged; the theme uses the phone's own fonts so the page loads nothing from other hosts.
"""

from __future__ import annotations

import os
from functools import partial

# Gradio's telemetry (and its version check) are skipped when this is "False".
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import gradio as gr  # noqa: E402

from assistant import chat, ui_text  # noqa: E402

#: System font stacks: no web font is downloaded, from this server or any other.
THEME = gr.themes.Default(
    font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"],
    font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"],
)

# Phone first: nothing wider than the screen, quotes and long words wrap, little padding.
CSS = """
.gradio-container { max-width: 860px !important; margin: 0 auto !important; padding: 0 !important; }
.gradio-container .app { padding: 4px clamp(4px, 2vw, 32px) !important; }
#kop p { margin: 2px 0; font-size: 0.9em; }
#kop h3 { margin: 2px 0; }
#percakapan, #percakapan .prose, #percakapan .prose * { overflow-wrap: anywhere !important; }
#percakapan .message-row { padding: 4px clamp(4px, 1.5vw, 16px) !important; }
#percakapan .message-content { font-size: 15px; }
#percakapan .user-row .message-buttons-right { display: none; }
#percakapan .placeholder { padding: 12px; color: var(--body-text-color-subdued); }
#percakapan blockquote { margin: 4px 0; padding-left: 8px; }
/* a section's citation is long ("Kodepeksos Pasal 7 (…), bagian B. Kewajiban …"): at body size,
   not heading size, it takes four lines of a 360-pixel screen instead of five */
#percakapan h3 { font-size: 1em !important; line-height: 1.35 !important; margin: 12px 0 4px !important; }
/* Gradio's "scroll down" arrow sits on the text in the middle: in the corner it covers none */
#percakapan .scroll-down-button-container { left: auto !important; right: 6px !important; transform: none !important; }
#percakapan summary { cursor: pointer; font-weight: 600; padding: 6px 0; }
.daftar { justify-content: flex-start !important; text-align: left; min-height: 40px; }
#contoh button { min-height: 40px; }
#alamat a { display: inline-block; padding: 6px 2px; }
"""

# After an answer, put the latest question at the top of the chat (a long answer is read from
# its start, not its last line; a very long question shows only its end above the answer) and
# bring the input box into view below it.
SHOW_LATEST = """() => setTimeout(() => {
  const wrap = document.querySelector('#percakapan .panel-wrap');
  const rows = wrap ? wrap.querySelectorAll('.message-row') : [];
  if (rows.length) {
    const top = wrap.getBoundingClientRect().top, answer = rows[rows.length - 1];
    const asked = rows.length > 1 && rows[rows.length - 2].classList.contains('user-row')
      ? rows[rows.length - 2] : answer;
    const lead = answer.getBoundingClientRect().top - wrap.clientHeight / 3;
    wrap.scrollTop += Math.max(asked.getBoundingClientRect().top, lead) - top;
  }
  const box = document.querySelector('#pertanyaan');
  if (box) box.scrollIntoView({block: 'end'});
}, 60)"""

# The chat page's own HTML is an empty shell until about 350 KB of scripts have run (ten
# seconds on slow 3G). This line, put in the shell itself by ``assistant.web``, shows as soon
# as the shell is parsed, before those scripts run: the chat is loading, and the light page is
# one tap away. It goes once the chat is drawn. (Gradio's ``head`` option is applied by those
# same scripts, too late.)
LOADING_LINE = """<p id="memuat">%s</p>
<style>
#memuat { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 860px; padding: 16px; }
body:has(.gradio-container) #memuat { display: none; }
</style>
<script>
new MutationObserver(function (changes, observer) {
  if (!document.querySelector(".gradio-container")) return;
  var line = document.getElementById("memuat");
  if (line) line.remove();
  observer.disconnect();
}).observe(document.body, {childList: true, subtree: true});
</script>""" % ui_text.LOADING

LAUNCH = dict(
    theme=THEME,
    css=CSS,
    footer_links=["api"],
    run_history=False,  # otherwise past questions are kept in the browser's storage
    enable_monitoring=False,
    mcp_server=False,
    pwa=False,  # the light pages bring their own manifest and offline reading (assistant.web)
    ssr_mode=False,
    show_error=False,
)


def section_addresses(sections) -> str:
    """Markdown: every section's own address in one line (the buttons above name them in
    full), after a line that says what the addresses are for and where the light page is."""
    links = " · ".join(f"[{chat.short_label(s)}]({chat.section_path(s)})" for s in sections)
    return f"{ui_text.ADDRESSES_INTRO}\n\n{links}"


def build_demo(assistant) -> gr.Blocks:
    """The chat page for a loaded ``assistant.service.Assistant``."""

    def send(message, conversation):
        conversation = chat.respond(assistant, message, conversation)
        return chat.chat_messages(conversation), conversation, ""

    def example(sample, conversation):
        conversation = chat.respond(assistant, sample[0], conversation)
        return chat.chat_messages(conversation), conversation

    def open_section(section_id, conversation):
        conversation = chat.open_section(assistant, section_id, conversation)
        return chat.chat_messages(conversation), conversation, gr.Tabs(selected="tanya")

    def clear():
        return [], chat.Conversation()

    def tanya(pertanyaan: str) -> str:
        """Jawaban Markdown untuk satu pertanyaan, sama dengan `python -m assistant ask`."""
        return chat.api_answer(assistant, pertanyaan)

    with gr.Blocks(title=ui_text.PAGE_TITLE, analytics_enabled=False) as demo:
        # In memory only; Gradio drops it when the tab closes, and after an hour left alone.
        conversation = gr.State(chat.Conversation(), time_to_live=3600)
        gr.Markdown(ui_text.HEADER, elem_id="kop")
        with gr.Tabs() as tabs:
            with gr.Tab(ui_text.TAB_CHAT, id="tanya"):
                chatbot = gr.Chatbot(
                    label=ui_text.CHAT_LABEL, show_label=False, elem_id="percakapan",
                    height="55vh", min_height=260, autoscroll=False,
                    sanitize_html=True, render_markdown=True, allow_tags=False,
                    latex_delimiters=[], feedback_options=None, buttons=["copy"],
                    layout="panel", placeholder=ui_text.CHAT_PLACEHOLDER,
                )
                question = gr.Textbox(
                    label=ui_text.INPUT_LABEL, show_label=False, placeholder=ui_text.PLACEHOLDER,
                    lines=1, max_lines=4, submit_btn=ui_text.SEND, elem_id="pertanyaan",
                )
                examples = gr.Dataset(
                    label=ui_text.EXAMPLES_LABEL, components=["textbox"],
                    samples=[[q] for q in ui_text.EXAMPLES], layout="gallery", elem_id="contoh",
                )
                reset = gr.Button(ui_text.CLEAR, size="sm", variant="secondary")
            with gr.Tab(ui_text.TAB_BROWSE, id="daftar"):
                gr.Markdown(ui_text.BROWSE_INTRO)
                for label, sections in chat.section_groups(assistant.index.sections):
                    gr.Markdown(f"**{label}**")
                    for section in sections:
                        gr.Button(chat.section_label(section), size="sm", elem_classes="daftar").click(
                            partial(open_section, section.id), [conversation],
                            [chatbot, conversation, tabs], api_visibility="private",
                        ).then(None, js=SHOW_LATEST)
                gr.Markdown(section_addresses(assistant.index.sections), elem_id="alamat")

        question.submit(send, [question, conversation], [chatbot, conversation, question],
                        api_name="percakapan", show_progress="minimal").then(None, js=SHOW_LATEST)
        examples.click(example, [examples, conversation], [chatbot, conversation],
                       api_visibility="private", show_progress="minimal").then(None, js=SHOW_LATEST)
        reset.click(clear, None, [chatbot, conversation], api_visibility="private")
        chatbot.clear(clear, None, [chatbot, conversation], api_visibility="private")
        gr.api(tanya, api_name="tanya")
    return demo
