/**
 * Function words that never appear in recovery phrases but fill ordinary sentences. A run of
 * lowercase words with none of these, 12–24 long, is how a phrase from a wordlist we do not ship
 * (Russian, Turkish, …) looks.
 */
const STOPWORDS = `
the and for are but not you your yours all any can had her was one our out his has have him how
its may new now old see way who did get got let put say she too use that with this from they will
would there their them then than what when where which while were been being into onto over under
again also just only very more most much many some such each other about above after before below
between both down during few further here into off once same should could shall might must own
these those through until upon want wanted need needs needed please help thanks thank thx hello dear
team support sorry still yet why because since though although even ever every anyone someone
something nothing anything everything account wallet withdraw withdrawal deposit money funds fund
coin coins token tokens crypto bitcoin ether usdt exchange order orders trade trading issue problem
pending stuck days hours minutes today yesterday tomorrow week weeks month months year years time
said says tell told know knew think like just really never always sent send received receive
and или что как это для все мой моя мои мне меня вас вам она они оно его её ещё уже нет так там
тут где когда если чтобы потому почему тоже было были была будет есть быть этот эта эти того
только очень можно нужно надо помогите пожалуйста спасибо здравствуйте деньги вывод счет счёт
кошелек кошелёк биржа средства почему день дней часов
bir için ile ama çok daha gibi ben sen biz siz onlar değil var yok nasıl neden şimdi sonra önce
lütfen teşekkür merhaba hesap para çekim yatırım cüzdan gün saat
los las del una por con para como pero más este esta esto ese esa hay muy sin sobre entre cuando
des les une est pas pour dans avec sur qui que vous nous mais plus tout bien
gli che per non con una sono della questo quella anche come più
der die das und ist nicht ein eine mit auf für den dem von zum zur bitte danke
uma com não para mais como mas por seu sua dos das
`;

let stopwords: string[] | undefined;

export function stopwordList(): readonly string[] {
  if (!stopwords) stopwords = STOPWORDS.split(/\s+/).filter(Boolean);
  return stopwords;
}

/** 1 = Latin, 2 = Cyrillic, 0 = other scripts. */
export function scriptOf(code: number): number {
  if (code < 0x250 || (code >= 0x1e00 && code <= 0x1eff)) return 1;
  if (code >= 0x400 && code <= 0x52f) return 2;
  return 0;
}
