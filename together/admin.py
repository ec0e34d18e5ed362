# Nothing here is registered in the admin on purpose: questions, answers, wins and
# goals belong to the couple, pause reasons and journals to one person alone, and
# staff pages must never show what people wrote.
