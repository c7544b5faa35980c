#!/usr/bin/python3
"""Fill translations/pushdesk_zh_CN.ts from translations/tools/zh_CN.json and check it.

  fill_ts.py missing  list the messages of the .ts that zh_CN.json has no translation for
  fill_ts.py apply   write every translation of zh_CN.json (and of any zh_more*.py batch, which it
                     folds into zh_CN.json) into the .ts, matched by context, source and comment;
                     prints what is still missing
  fill_ts.py apply-en  fill the singular and plural forms of pushdesk_en.ts from en_plurals.py
  fill_ts.py check [TS...]   count unfinished / vanished / obsolete entries and check placeholders and
                     accelerators of every finished message
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TS = os.path.join(HERE, '..', 'pushdesk_zh_CN.ts')
TS_EN = os.path.join(HERE, '..', 'pushdesk_en.ts')
DB = os.path.join(HERE, 'zh_CN.json')
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def key(ctx, m):
    c = m.find('comment')
    return (ctx, m.find('source').text, c.text if c is not None else '')


def messages(root):
    for c in root.findall('context'):
        name = c.find('name').text
        for m in c.findall('message'):
            yield name, m


def placeholders(text):
    return sorted(re.findall(r'%(?:\d+|n)', text or ''))


def accel(text):
    """The accelerator letter of a text (lower case), or None."""
    m = re.search(r'&(\w)', (text or '').replace('&&', ''))
    return m.group(1).lower() if m else None


def load_db():
    with open(DB, encoding='utf-8') as f:
        return {(e['context'], e['source'], e['comment']): e['translation'] for e in json.load(f)}


def save_db(db):
    rows = [{'context': k[0], 'source': k[1], 'comment': k[2], 'translation': v} for k, v in sorted(db.items())]
    with open(DB, 'w', encoding='utf-8') as f:
        json.dump(rows, f, ensure_ascii=False, indent=1)
        f.write('\n')


def load_keyed(db):
    """zh_more*.py: K = [(context, source, translation) or (context, source, comment, translation)]"""
    for part in sorted(p for p in os.listdir(HERE) if p.startswith('zh_more') and p.endswith('.py')):
        ns = {}
        exec(open(os.path.join(HERE, part), encoding='utf-8').read(), ns)
        for row in ns['K']:
            ctx, src, *rest = row
            comment, text = (rest if len(rest) == 2 else ('', rest[0]))
            db[(ctx, src, comment)] = text


def missing():
    db = load_db()
    load_keyed(db)
    for ctx, m in messages(ET.parse(TS).getroot()):
        k = key(ctx, m)
        if k not in db:
            print(repr(k) + (' NUMERUS' if m.get('numerus') == 'yes' else ''))


def apply():
    db = load_db()
    load_keyed(db)
    save_db(db)
    tree = ET.parse(TS)
    missing = []
    for ctx, m in messages(tree.getroot()):
        k = key(ctx, m)
        if k not in db:
            missing.append(k)
            continue
        text = db[k]
        t = m.find('translation')
        for child in list(t):
            t.remove(child)
        t.attrib.pop('type', None)
        if m.get('numerus') == 'yes':
            t.text = None
            nf = ET.SubElement(t, 'numerusform')
            nf.text = text
        else:
            t.text = text
    with open(TS, 'w', encoding='utf-8') as f:
        f.write(HEADER + ET.tostring(tree.getroot(), encoding='unicode') + '\n')
    # Let lconvert write it in the canonical lupdate layout.
    subprocess.run(['/usr/lib/qt6/bin/lconvert', '-locations', 'none', '-i', TS, '-o', TS], check=True)
    for k in missing:
        print('MISSING', k)
    print(f'{len(missing)} missing')


def apply_en():
    ns = {}
    exec(open(os.path.join(HERE, 'en_plurals.py'), encoding='utf-8').read(), ns)
    plurals = ns['P']
    tree = ET.parse(TS_EN)
    missing = []
    for ctx, m in messages(tree.getroot()):
        k = (ctx, m.find('source').text)
        if k not in plurals:
            missing.append(k)
            continue
        t = m.find('translation')
        for child in list(t):
            t.remove(child)
        t.attrib.pop('type', None)
        t.text = None
        for form in plurals[k]:
            ET.SubElement(t, 'numerusform').text = form
    with open(TS_EN, 'w', encoding='utf-8') as f:
        f.write(HEADER + ET.tostring(tree.getroot(), encoding='unicode') + '\n')
    subprocess.run(['/usr/lib/qt6/bin/lconvert', '-locations', 'none', '-i', TS_EN, '-o', TS_EN], check=True)
    for k in missing:
        print('MISSING', k)
    print(f'{len(missing)} missing')


def check(path=TS):
    raw = open(path, encoding='utf-8').read()
    tree = ET.parse(path)
    problems = 0
    total = 0
    for ctx, m in messages(tree.getroot()):
        total += 1
        src = m.find('source').text
        t = m.find('translation')
        forms = [nf.text for nf in t.findall('numerusform')] if m.get('numerus') == 'yes' else [t.text]
        if t.get('type') in ('unfinished', 'vanished', 'obsolete'):
            print('STATE', t.get('type'), ctx, repr(src))
            problems += 1
            continue
        english = tree.getroot().get('language') == 'en'
        for i, form in enumerate(forms):
            if not form:
                print('EMPTY', ctx, repr(src))
                problems += 1
                continue
            ps, pt = placeholders(src), placeholders(form)
            if english and i == 0 and '%n' not in pt:  # "last day" for n == 1
                ps = [p for p in ps if p != '%n']
            if ps != pt:
                print('PLACEHOLDERS', ctx, repr(src), '->', repr(form))
                problems += 1
            if accel(src) != accel(form):
                print('ACCELERATOR', ctx, repr(src), '->', repr(form))
                problems += 1
    print(f'{path}: {total} messages, {raw.count(chr(34) + "unfinished" + chr(34))} unfinished, '
          f'{raw.count("vanished")} vanished, {raw.count("obsolete")} obsolete, {problems} problems')
    return problems


if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else 'check'
    if cmd == 'missing':
        missing()
    elif cmd == 'apply-en':
        apply_en()
    elif cmd == 'apply':
        apply()
    else:
        sys.exit(1 if sum(check(p) for p in (sys.argv[2:] or [TS, TS_EN])) else 0)
