package ingest

import (
	"testing"

	"github.com/parley-bot/parley"
)

// TestAttributionSlavic: the quotation marks «…» and „…“, the dash of
// direct speech and "— сказал он" after the sentence that names the
// speaker, in Ukrainian and Russian.
func TestAttributionSlavic(t *testing.T) {
	for _, tt := range []struct {
		body string
		want parley.Attribution // of the last sentence
	}{
		{"Лавров заявил, что разговор полезен. «Мы слышали друг друга», — сказал он.", parley.Attribution{Kind: parley.Direct, Speaker: "Лавров"}},
		{"Лавров назвал разговор полезным. «Мы не просто слушали друг друга», — сказал министр.", parley.Attribution{Kind: parley.Direct, Speaker: "Лавров"}},
		{"Лавров назвав розмову корисною. «Ми чули одне одного», — сказав він.", parley.Attribution{Kind: parley.Direct, Speaker: "Лавров"}},
		{"„Це дуже важливо для нас“, — сказав Єрмак.", parley.Attribution{Kind: parley.Direct, Speaker: "Єрмак"}},
		{"— Мы готовы работать дальше, — сказал Песков.", parley.Attribution{Kind: parley.Direct, Speaker: "Песков"}},
		{"— Ми готові працювати далі! — заявив Умєров.", parley.Attribution{Kind: parley.Direct, Speaker: "Умєров"}},
		// Indirect speech, the verb and its subject after a comma: the
		// outlet's words for what the speaker said, past an addressee.
		{"Сроки встречи пока не определены, заявил журналистам пресс-секретарь президента России Дмитрий Песков.", parley.Attribution{Kind: parley.Reported, Speaker: "Дмитрий Песков"}},
		{"Переговори тривали близько трьох годин, повідомив Умєров.", parley.Attribution{Kind: parley.Reported, Speaker: "Умєров"}},
		// A comma and a verb with no subject after it names nobody.
		{"Делегации встретились в Эр-Рияде, заявил журналистам.", parley.Attribution{Kind: parley.Narration}},
		// A dash that is not direct speech: the outlet's sentence.
		{"Москва — Киев: переговоры продолжаются без перерыва.", parley.Attribution{Kind: parley.Narration}},
	} {
		ss := Sentences("Заголовок", tt.body)
		if len(ss) == 0 {
			t.Fatalf("no sentences in %q", tt.body)
		}
		got := ss[len(ss)-1].Said
		if got.Kind != tt.want.Kind || got.Speaker != tt.want.Speaker {
			t.Errorf("%q: said %+v, want %+v", tt.body, got, tt.want)
		}
	}
}
